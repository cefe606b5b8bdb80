/** Why a step was not handed to an agent, as notRunnable (queries/eligibility-sql.ts) names it. */
export type NotRunnable =
  | "removed"
  | "release_not_active"
  | "customer_archived"
  | "manual"
  | "manifest"
  | "not_open"
  | "in_a_run"
  | "stage_not_open"
  | "awaiting_review"
  | "needs_value"
  | "changed_by_someone_else"
  | "moved"
  | "earlier_not_done";

export const notRunnableWords: Record<NotRunnable, string> = {
  removed: "removed from the checklist",
  release_not_active: "the release is not active",
  customer_archived: "the customer is archived",
  manual: "carried out by hand (manual)",
  manifest: "published to the manifest repository (a reviewed merge carries it out)",
  not_open: "already done or skipped",
  in_a_run: "already queued or running in a run",
  stage_not_open: "the customer's stage is not open yet",
  awaiting_review: "waiting for its four-eyes review",
  needs_value: "a variable has no value for this customer",
  changed_by_someone_else: "changed by someone else since you saw it",
  moved: "the customer moved to another cluster since the run started",
  earlier_not_done: "an earlier step of this customer's run did not end done",
};

/** The words for one step ("This step cannot run: …"), for a refusal of a single run. */
export const notRunnableSentence = (reason: NotRunnable) => `This step cannot be run by an agent now: ${notRunnableWords[reason]}.`;

/** "3 already done or skipped; 2 the customer's stage is not open yet" */
export function leftWords(left: Partial<Record<NotRunnable, number>>): string {
  return Object.entries(left)
    .filter(([, n]) => n)
    .map(([reason, n]) => `${n} ${notRunnableWords[reason as NotRunnable]}`)
    .join("; ");
}
