import type { Average, ByCategory, Progress } from "@/lib/domain/progress/model/progress";
import type { ReleaseMembership, ReleaseStatus, ReleaseType, StepCategory, StepEventKind } from "@/db/schema/vocabulary";


export type ReleaseRef = {
  id: number;
  name: string;
  type: ReleaseType;
  status: ReleaseStatus;
  versionNumber: string | null;
  /** Calendar day, "2026-11-12". */
  releaseDate: string | null;
};

/** Dashboard card "Active releases": one release with its overall and per-category progress. */
export type ActiveReleaseSummary = ReleaseRef & {
  activatedAt: Date | null;
  progress: ByCategory<Average>;
  /** Steps still to do (pending or reverted) across its customers. */
  openSteps: number;
};

/** Dashboard card "Clusters". */
export type ClusterSummaryCard = {
  id: number;
  name: string;
  isActive: boolean;
  region: string | null;
  /** Active customers. */
  customers: number;
  /** Pending or reverted steps of its customers in active releases. */
  openSteps: number;
};

/** Dashboard card "Quick stats": customer steps in active releases by status. */
export type QuickStats = { releases: number; pending: number; done: number; skipped: number; reverted: number; failed: number; unknown: number; total: number };

export type ActivityKind = StepEventKind | "custom_added";

/** One line of recent activity: who did what to which customer's step, in which release. */
export type ActivityItem = {
  id: string;
  kind: ActivityKind;
  at: Date;
  actorName: string | null;
  release: { id: number; name: string; versionNumber: string | null };
  customer: { id: number; name: string; namespace: string };
  cluster: { id: number; name: string };
  /** `position` is the step's number within its category now; null once the step is removed. */
  step: { id: number; name: string; category: StepCategory; position: number | null };
  note: string | null;
};

/** Cluster view (FV-006): one customer's standing in one active release. */
export type ReleaseCell = { membership: ReleaseMembership | null; progress: ByCategory<Progress> | null };

export type ClusterCustomerRow = {
  id: number;
  name: string;
  namespace: string;
  /** Its steps across all active releases pooled (what "sort by progress" uses). */
  overall: Progress | null;
  cells: Record<number, ReleaseCell>;
};

export type ClusterReleaseStatus = {
  releases: ReleaseRef[];
  /** The cluster's progress per release: the average of its customers (spec 8.2). */
  clusterProgress: Record<number, ByCategory<Average>>;
  customers: ClusterCustomerRow[];
};

/** Customer detail: one release the customer took part in. */
export type CustomerReleaseHistoryItem = ReleaseRef & {
  membership: ReleaseMembership | null;
  activatedAt: Date | null;
  archivedAt: Date | null;
  progress: ByCategory<Progress>;
  /** When the last step was done or skipped, if every step is. */
  completedAt: Date | null;
};
