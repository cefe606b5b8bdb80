import type { ReleaseStatus, ReleaseType } from "@/db/schema/vocabulary";
import type { Average, ByCategory } from "@/lib/domain/progress/model/progress";

export type ReleaseListItem = {
  id: number;
  name: string;
  type: ReleaseType;
  status: ReleaseStatus;
  versionNumber: string | null;
  releaseDate: string | null;
  scope: "all" | "selected";
  deploySteps: number;
  verifySteps: number;
  customers: number;
  excluded: number;
  stepsTotal: number;
  stepsDone: number;
  stepsSkipped: number;
  /** Spec 8.2, the one definition every screen shows: the average over customers, per category. */
  progress: ByCategory<Average>;
};

export type ReleaseDetail = ReleaseListItem & {
  description: string;
  metadata: Record<string, string>;
  clonedFrom: { id: number; name: string } | null;
  /** The rollout track it was given (its stages are copied at activation). */
  track: { id: number; name: string } | null;
  createdBy: string | null;
  activatedAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ReleaseCustomer = {
  id: number;
  name: string;
  namespace: string;
  /** The customer's metadata: the picker selects by these key = value labels. */
  labels: Record<string, string>;
  isActive: boolean;
  clusterId: number;
  clusterName: string;
  clusterActive: boolean;
  /** null: not part of the release (e.g. created after a narrowed activation). */
  membership: "included" | "excluded" | null;
  total: number;
  done: number;
  skipped: number;
};

export type ClusterGroup = { id: number; name: string; active: boolean; customers: ReleaseCustomer[] };

/** What importing a release file would create (release as code). */
export type ImportPreview = {
  name: string;
  type: ReleaseType;
  version: string;
  track: string | null;
  variables: number;
  deploy: string[];
  verify: string[];
  /** Customer states in the file are not imported (a draft has no customers yet). */
  customersInFile: number;
};
