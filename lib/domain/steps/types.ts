import type { StepManifest } from "@/lib/domain/manifests/types";
import type { Change } from "diff";
import type { RenderedStep } from "@/lib/domain/content/types";
import type { StepRun } from "@/lib/domain/runs/types";
import type { ReleaseMembership, RunState, StepCategory, StepEventKind, StepExecution, StepOrigin, StepStatus, StepType } from "@/db/schema/vocabulary";

/** Where a step's content comes from (spec 5.7, "Actions by source type"). */
export type StepSource = "template" | "overridden" | "custom";

/** One customer step as the UI sees it. Timestamps are ISO strings (safe across the wire). */
export type CustomerStepDTO = {
  id: number;
  releaseId: number;
  customerId: number;
  templateId: number | null;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string;
  orderIndex: number;
  /** The template step's number (1, 2, …) in its category; null for custom steps and copies of deleted template steps. */
  number: number | null;
  status: StepStatus;
  source: StepSource;
  isCustom: boolean;
  isOverridden: boolean;
  /** Manual, or run by an agent. */
  execution: StepExecution;
  /** Where it is in an agent's hands (queued, running, failed, unknown), or null. */
  runState: RunState | null;
  origin: StepOrigin;
  executedAt: string | null;
  executedByName: string | null;
  skipReason: string | null;
  notes: string;
  /** The version the user saw: every mutation sends it back (optimistic concurrency). */
  version: number;
  updatedAt: string;
  updatedByName: string | null;
  createdAt: string;
};

/** One line of a step's history (spec 5.7): events plus the derived "created" entry. */
export type StepHistoryEntry = {
  id: string;
  kind: StepEventKind | "created";
  /** "Marked as done", "Skipped", "Created from template"… */
  label: string;
  /** Reason, notes, or what changed — words for the reader. */
  note: string | null;
  /**
   * "Marked as done" and "Reviewed" entries: the content exactly as it ran for this customer
   * (values filled in), and any value it lacked. `sameAsShown`: it is the text the step shows now,
   * so the text is left out (not sent twice) and the entry says so.
   */
  ran: { content: string; missing: string[]; sameAsShown?: true } | null;
  actorName: string | null;
  at: string;
};

/** The template a step was copied from, as it is now ("View original"). */
export type TemplateOriginal = {
  id: number;
  name: string;
  /** The template's content and its highlighting: for overridden steps only ("" otherwise). */
  content: string;
  type: StepType;
  deleted: boolean;
  html: string;
  /** Line diff from the template's content to this customer's override, both rendered for this customer (overridden steps only). */
  diff: Change[] | null;
};

/** Everything needed to draw one step with its content and history (customer view, side panel). */
export type StepView = {
  step: CustomerStepDTO;
  /** Highlighted content (lib/highlight), both themes: the raw text, variables as written. */
  html: string;
  /** As it will run for this customer: variables filled in, missing values, a manifest's objects. */
  rendered: RenderedStep;
  template: TemplateOriginal | null;
  /** Oldest first. */
  history: StepHistoryEntry[];
  /** Overridden, and the template's content changed since: what it was then, and how it changed. */
  drift: { base: string; templateChange: Change[] } | null;
  /** Four eyes, when the template step asks for it: who reviewed this customer's content, and who may not. */
  review: ReviewState | null;
  /** Its latest run on an agent, if any (the output itself is read when shown). */
  lastRun: StepRun | null;
};

export type ReviewState = {
  reviewedByName: string | null;
  reviewedAt: string | null;
  /** Who last changed what this customer runs (this copy's override, or the template): not its reviewer. */
  authorId: number | null;
  authorName: string | null;
};

export type ReleaseRef = { id: number; name: string; versionNumber: string | null; type: string; status: string };
export type CustomerRef = { id: number; name: string; namespace: string; isActive: boolean };
export type ClusterRef = { id: number; name: string };

export type CategoryCounts = { total: number; done: number; skipped: number };

/** The customer view (FV-004, sketch 5.6). */
export type CustomerReleaseView = {
  release: ReleaseRef;
  customer: CustomerRef;
  cluster: ClusterRef;
  /** Whether the customer takes part in the release (null: the release has not reached it). */
  membership: ReleaseMembership | null;
  /** Why the customer's steps cannot change yet: its rollout stage waits (null: they can). */
  stageLock: string | null;
  deploy: StepView[];
  verify: StepView[];
  counts: Record<StepCategory, CategoryCounts>;
};

/** The side panel (FV-007, sketch 5.7): one step with its context. */
export type StepDetail = StepView & {
  release: ReleaseRef;
  customer: CustomerRef;
  cluster: ClusterRef;
  removed: boolean;
  stageLock: string | null;
  /** A step published to the manifest repository: its newest publish or merge, and drift. */
  manifest?: StepManifest | null;
};
