import type { StepView } from "@/lib/domain/steps/types";

/** A step "Mark all" takes: open (pending or reverted). */
const isOpen = (v: Pick<StepView, "step">) => v.step.status === "pending" || v.step.status === "reverted";
/** Four eyes, read from a step as the page shows it: the same rule as review-sql.ts. */
export const awaitsReview = (v: Pick<StepView, "review">) => Boolean(v.review && !v.review.reviewedByName);

export type MarkAllPlan = { open: number; markable: number; awaiting: number; authors: string[]; running: number };

/** What "Mark all done" will do to one category of a checklist, by the rules the domain applies. */
export function markAllPlan(steps: Array<Pick<StepView, "step" | "review">>): MarkAllPlan {
  const open = steps.filter(isOpen);
  // An agent running a step decides its outcome; it is not marked by a click.
  const running = open.filter((v) => v.step.runState === "running");
  const waiting = open.filter((v) => v.step.runState !== "running" && awaitsReview(v));
  const authors = [...new Set(waiting.map((v) => v.review?.authorName ?? "its author"))];
  return { open: open.length, markable: open.length - waiting.length - running.length, awaiting: waiting.length, authors, running: running.length };
}

/** "1 is running on an agent" */
export const runningWords = (running: number) => (running === 1 ? "1 is running on an agent" : `${running} are running on an agent`);

/** "1 waits for a review by someone other than Sam", the same words in the dialog and the answer. */
export function awaitingWords(awaiting: number, authors: string[]): string {
  if (awaiting === 0) return "";
  const who = authors.length === 1 ? authors[0] : `their authors (${authors.join(", ")})`;
  return awaiting === 1 ? `1 waits for a review by someone other than ${who}` : `${awaiting} wait for a review by someone other than ${who}`;
}
