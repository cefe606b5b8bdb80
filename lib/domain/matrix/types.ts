import type { Change } from "diff";
import type { Average, ByCategory, Counts } from "@/lib/domain/progress/model/progress";
import { stepStatuses, type RunState, type StepCategory, type StepStatus, type StepType, type StepExecution } from "@/db/schema/vocabulary";

/** What the status filter can ask for (spec 5.5): every step status, an agent's outcome, or a content marker. */
export const statusFilters = [...stepStatuses, "running", "failed", "unknown", "overridden", "custom"] as const;
export type StatusFilter = (typeof statusFilters)[number];

/** Which cluster groups are expanded: the default (by size), all, none, or these ids. */
export type OpenClusters = "default" | "all" | "none" | number[];

/** Everything a matrix URL can say; defaults are left out of links. */
export type MatrixParams = {
  category: StepCategory;
  clusterId?: number;
  status?: StatusFilter;
  /** Only customers with work left (pending or reverted steps) in this category. */
  workLeft: boolean;
  /** Also show archived customers (they are out of the release's counts either way). */
  archived: boolean;
  open: OpenClusters;
};

export type MatrixRelease = {
  id: number;
  name: string;
  type: "onboarding" | "release" | "hotfix";
  status: "draft" | "active" | "archived";
  versionNumber: string | null;
  releaseDate: string | null;
  description: string;
};

/** One row of the grid: a template step, or custom steps of the same name at the same position. */
export type MatrixRow = {
  key: string;
  templateId: number | null;
  name: string;
  type: StepType;
  custom: boolean;
  /** The template step was deleted; copies that were done or changed stay (and show here). */
  templateDeleted: boolean;
  /** 1-based number among the category's template rows; null for custom rows. */
  number: number | null;
};

export const CELL_OVERRIDDEN = 1;
export const CELL_CUSTOM = 2;
/** Open, and the customer lacks a value one of the step's variables needs. */
export const CELL_NEEDS_VALUE = 4;
/** Overridden, and its template's content changed since the override ("template changed"). */
export const CELL_DRIFT = 8;
/** Done by a merge into the manifest repository, and the file there was edited since ("Compare with the repository"). */
export const CELL_REPO_DRIFT = 16;

/**
 * One cell, as a tuple because a release can have 30,000 of them: [customer step id, status,
 * flags (CELL_OVERRIDDEN | CELL_CUSTOM | CELL_NEEDS_VALUE | CELL_DRIFT), version]. `null` where the customer has no such step.
 */
export type Cell = [id: number, status: CellStatus, flags: number, version: number];

/** What a cell shows: the step's run state while an agent has it (queued, running, failed, unknown), else its status. */
export type CellStatus = StepStatus | RunState;

export type MatrixCustomer = { id: number; name: string; namespace: string; isActive: boolean };

/** The rollout stage a block of customers is in (releases on a track). */
export type MatrixStage = { id: number; name: string; position: number; state: "done" | "open" | "waiting"; /** Why its steps cannot change yet. */ locked: string | null };

/**
 * A block of the grid: one cluster's customers — or, when the release has stages, one cluster's
 * customers in one stage (a cluster may span stages: by label). `id` is the cluster's (expanding
 * and the cluster filter work by cluster); `key` names the block.
 */
export type MatrixCluster = {
  id: number;
  key: string;
  /** The block's DOM id: `cluster-<id>` for a cluster's first block (links jump there). */
  anchor: string;
  /** Groups the block's customers in `counts` (their `clusterId`) for its progress. */
  progressKey: number;
  stage: MatrixStage | null;
  name: string;
  /** Customers of this cluster in the release, before the status and work-left filters. */
  customerCount: number;
  /** Customers shown after the filters. */
  matchCount: number;
  open: boolean;
  /** Average of its customers (spec 8.2), over every customer of the cluster in the release. */
  progress: ByCategory<Average>;
  /** Open clusters only: the customers shown (columns), the rows shown, and the cells. */
  customers: MatrixCustomer[];
  rowIndexes: number[];
  /** cells[i][j]: row rowIndexes[i], customer customers[j]. */
  cells: Array<Array<Cell | null>>;
};

/** A customer's step counts, so the browser can recompute progress after a local change. */
/** `archived`: shown on request with its own counts, but out of every average (BR-M03). */
/** `clusterId`: the customer's block (MatrixCluster.progressKey), which progress is grouped by. */
export type CustomerCounts = { clusterId: number; deploy: Counts; verify: Counts; archived?: true };

export type RowClusterCounts = Counts & { overridden: number };

export type Matrix = {
  release: MatrixRelease;
  params: MatrixParams;
  rows: MatrixRow[];
  /** Clusters shown (after the cluster filter; those with no matching customer are left out). */
  clusters: MatrixCluster[];
  /** Every cluster of the release, for the filter. */
  clusterOptions: Array<{ id: number; name: string; customers: number }>;
  /** Every customer of the release, keyed by id (JSON-safe). */
  counts: Record<string, CustomerCounts>;
  overall: ByCategory<Average>;
  /** Customers taking part (archived ones left out). */
  totalCustomers: number;
  /** Archived customers still listed in the release: hidden unless asked for. */
  archivedCustomers: number;
  shownCustomers: number;
  /** Many customers: clusters start collapsed and a per-step × per-cluster overview is shown. */
  large: boolean;
  /** large only: overview[rowIndex][clusterIndex] (clusters as in `clusters`). */
  overview: RowClusterCounts[][] | null;
};

/** One customer's copy of a template step (FV-005). */
export type AcrossCustomer = {
  customer: MatrixCustomer;
  step: {
    id: number;
    status: StepStatus;
    /** Queued, running, failed or unknown while an agent has (or had) it. */
    runState: RunState | null;
    isOverridden: boolean;
    version: number;
    executedAt: string | null;
    executedByName: string | null;
    skipReason: string | null;
    notes: string;
    updatedAt: string;
  } | null;
  /** Overridden copies: line diff from the template, both as they run for this customer (for "View diff"). */
  diff: Change[] | null;
  /** When the step uses variables: its content as it runs for this customer (null: same text for everyone). */
  rendered: string | null;
  /** Variables this customer has no value for ("needs a value"). */
  missing: string[];
};

export type StepAcross = {
  release: MatrixRelease;
  template: { id: number; name: string; category: StepCategory; type: StepType; description: string; content: string; html: string; deleted: boolean; number: number; execution: StepExecution };
  clusters: Array<{ id: number; name: string; customers: AcrossCustomer[]; counts: RowClusterCounts }>;
  counts: RowClusterCounts;
  /** Open copies waiting for their four-eyes review. */
  awaitingReview: number;
};
