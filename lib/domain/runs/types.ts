import type { RunItemState, RunStatus, StepType } from "@/db/schema/vocabulary";
import type { NotRunnable } from "./model/eligibility";

/** What starting a run answers: its id, how many steps it queued, and how many were left and why. */
export type StartedRun = { runId: number; queued: number; left: Partial<Record<NotRunnable, number>> };

export type RunCounts = Record<RunItemState, number> & { total: number };

export type RunItemView = {
  id: number;
  position: number;
  stepId: number;
  stepName: string;
  customerId: number;
  customerName: string;
  namespace: string;
  clusterName: string;
  state: RunItemState;
  agentName: string | null;
  claimedAt: Date | null;
  finishedAt: Date | null;
  exitCode: number | null;
  durationMs: number | null;
  note: string | null;
  outputBytes: number;
  outputCut: boolean;
  contentSha256: string | null;
};

export type RunView = {
  id: number;
  releaseId: number;
  releaseName: string;
  kind: "step" | "across" | "customer";
  /** "Deploy via Jenkins across customers", "customer-a's steps", "Deploy via Jenkins for customer-a". */
  title: string;
  status: RunStatus;
  pausedReason: string | null;
  maxParallel: number;
  maxParallelPerCluster: number;
  failureBudget: number | null;
  failureBudgetPercent: number | null;
  startedByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  counts: RunCounts;
  items: RunItemView[];
};

/** A step as an agent is handed it: the text exactly as it runs, fixed when it was claimed. */
export type ClaimedStep = {
  itemId: number;
  runId: number;
  stepId: number;
  type: StepType;
  name: string;
  content: string;
  sha256: string;
  namespace: string;
  customer: string;
  cluster: string;
  release: string;
  releaseVersion: string | null;
  kubeconfigPath: string | null;
  timeoutSeconds: number;
  leaseSeconds: number;
};

/** A run item's output from a point on, for a page that shows part of it already. */
export type OutputSlice = { itemId: number; state: RunItemState; from: number; text: string; received: number; cut: boolean; exitCode: number | null; note: string | null };

/** A step's latest run, as the panel and the checklist show it (times as ISO strings: safe across the wire). */
export type StepRun = {
  runId: number;
  itemId: number;
  runStatus: RunStatus;
  state: RunItemState;
  agentName: string | null;
  startedByName: string | null;
  exitCode: number | null;
  durationMs: number | null;
  note: string | null;
  outputBytes: number;
  outputCut: boolean;
  sha256: string | null;
  claimedAt: string | null;
  finishedAt: string | null;
};
