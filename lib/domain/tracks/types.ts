import type { ReleaseType } from "@/db/schema/vocabulary";

export type ApproverGroup = { id: number; name: string; memberIds: number[]; memberNames: string[] };

export type TrackStage = {
  id: number;
  position: number;
  name: string;
  clusterIds: number[];
  labelKey: string | null;
  labelValue: string | null;
  requiredGroupIds: number[];
  soakMinutes: number;
};

export type Track = {
  id: number;
  name: string;
  description: string;
  defaultFor: ReleaseType | null;
  promoterMayNotBeOnlySigner: boolean;
  agentReviewWaived: boolean;
  stages: TrackStage[];
  /** Releases that use it (drafts pick it up at activation; active ones keep their copy). */
  releases: number;
};

export type TrackOption = { id: number; name: string; defaultFor: ReleaseType | null; stageNames: string[] };

/** Where an activation would put the customers, stage by stage (the activation dialog). */
export type TrackPreview = {
  trackName: string;
  stages: Array<{ name: string; requiredGroups: string[] }>;
  /** Each active customer's stage (index into stages), and whether a stage selects it (else it falls to the last). */
  placement: Record<string, { stage: number; selected: boolean }>;
};
