import type { StepView } from "@/lib/domain/steps/types";

/** A step "Mark all" takes: open (pending or reverted). */
const isOpen = (v: Pick<StepView, "step">) => v.step.status === "pending" || v.step.status === "reverted";
/** Four eyes, read from a step as the page shows it: the same rule as review-sql.ts. */
export const awaitsReview = (v: Pick<StepView, "review">) => Boolean(v.review && !v.review.reviewedByName);

export type MarkAllPlan = { open: number; markable: number; awaiting: number; authors: string[] };

/** What "Mark all done" will do to one category of a checklist, by the rules the domain applies. */
export function markAllPlan(steps: Array<Pick<StepView, "step" | "review">>): MarkAllPlan {
  const open = steps.filter(isOpen);
  const waiting = open.filter(awaitsReview);
  const authors = [...new Set(waiting.map((v) => v.review?.authorName ?? "its author"))];
  return { open: open.length, markable: open.length - waiting.length, awaiting: waiting.length, authors };
}

/** "1 waits for a review by someone other than Sam", the same words in the dialog and the answer. */
export function awaitingWords(awaiting: number, authors: string[]): string {
  if (awaiting === 0) return "";
  const who = authors.length === 1 ? authors[0] : `their authors (${authors.join(", ")})`;
  return awaiting === 1 ? `1 waits for a review by someone other than ${who}` : `${awaiting} wait for a review by someone other than ${who}`;
}
