import type { StepCategory, StepType, StepExecution } from "@/db/schema/vocabulary";

export type TemplateStepView = {
  id: number;
  releaseId: number;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string;
  orderIndex: number;
  version: number;
  /** Four eyes: each customer's copy is reviewed before it is marked done. */
  needsReview: boolean;
  /** Manual, or run by an agent. */
  execution: StepExecution;
  /** shiki HTML (both themes), rendered on the server. */
  html: string;
  /** Customer copies an edit or delete would change: pending, not overridden, not removed. */
  untouchedCopies: number;
  /** Copies kept as they are: done, skipped, reverted or overridden. */
  keptCopies: number;
};
