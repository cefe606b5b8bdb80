import type { Change } from "diff";
import type { ObjectChange } from "./model/object-diff";

/** A repository as the mutations use it (the token still sealed). */
export type RepositoryRow = { id: number; name: string; url: string; tokenBox: string | null; branch: string; pathPattern: string };

export type PublishOutcome = { publishId: number; repository: string; branch: string; commitSha: string; files: number; unchanged: boolean };

export type ManifestRepository = {
  id: number;
  name: string;
  url: string;
  branch: string;
  pathPattern: string;
  hasToken: boolean;
  scope: { kind: "track" | "cluster"; id: number; name: string };
  /** "track:3" / "cluster:7": the form's value. */
  scopeValue: string;
  publishes: number;
  createdAt: string;
};

export type PublishStatus = "open" | "merging" | "merged" | "superseded";

export type PublishSummary = {
  id: number;
  title: string;
  repository: string;
  branch: string;
  targetBranch: string;
  commitSha: string;
  status: PublishStatus;
  files: number;
  customers: number;
  publishedBy: string | null;
  publishedAt: string;
  mergedSha: string | null;
  mergedBy: string | null;
  mergedAt: string | null;
  conflicts: string[];
  /** Files a comparison found changed on the target branch since the merge. */
  drifted: number;
};

export type PublishFile = {
  id: number;
  stepId: number;
  stepName: string;
  customer: { id: number; name: string; namespace: string; cluster: string };
  path: string;
  content: string;
  /** The target branch's text at publish time (null: a new file). */
  before: string | null;
  blobSha: string;
  change: "added" | "changed" | "unchanged";
  /** Line diff from the target branch's text to the published one. */
  diff: Change[];
  /** Objects added, changed or removed by kind/name/namespace (null: a text that does not parse). */
  objects: ObjectChange[] | null;
  wrongNamespace: boolean;
  /** The step as it is now: done by this merge, still open, or changed since (publish again). */
  stepStatus: string;
  stale: boolean;
  conflict: boolean;
  drifted: boolean | null;
};

export type PublishDetail = PublishSummary & {
  releaseId: number;
  releaseName: string;
  repositoryUrl: string;
  baseSha: string;
  publishedById: number | null;
  filesList: PublishFile[];
  /** Why the person looking may not approve (null: they may). */
  approveRefusal: string | null;
};

export type StageToPublish = { id: number | null; name: string; open: boolean; ready: number; repository: string | null; missingRepository: string[] };

export type StepManifest = {
  publishId: number;
  status: PublishStatus;
  path: string;
  repository: string;
  branch: string;
  commitSha: string;
  mergedSha: string | null;
  mergedBy: string | null;
  mergedAt: string | null;
  drifted: boolean | null;
  driftCheckedAt: string | null;
};

export type CompareResult = { checked: number; same: number; changed: Array<{ stepId: number; customer: string; path: string; missing: boolean }>; targetSha: string | null };
