import type { StepStatus } from "@/db/schema/vocabulary";

/** Why a selected step was left as it was, in words a release manager acts on. */
export type LeftReason = "changed_by_someone_else" | "not_applicable" | "stage_not_open" | "awaiting_review" | "customer_archived" | "removed" | "running";

export const leftReasonWords: Record<LeftReason, string> = {
  changed_by_someone_else: "changed by someone else since you selected it",
  not_applicable: "not in a state this change applies to",
  stage_not_open: "its customer's stage is not open yet",
  awaiting_review: "waiting for its four-eyes review",
  customer_archived: "its customer is archived",
  removed: "removed from the checklist",
  running: "running on an agent (its outcome decides)",
};

export type BulkChangeResult = {
  changed: Array<{ id: number; customerId: number; status: StepStatus; version: number }>;
  left: Array<{ id: number; reason: LeftReason }>;
  /** Per reason, how many were left. */
  leftBy: Partial<Record<LeftReason, number>>;
};

/** "2 changed by someone else since you selected it; 1 its customer's stage is not open yet" */
export function leftSummary(leftBy: BulkChangeResult["leftBy"]): string {
  return Object.entries(leftBy)
    .map(([reason, n]) => `${n} ${leftReasonWords[reason as LeftReason]}`)
    .join("; ");
}
