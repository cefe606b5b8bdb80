/**
 * Four eyes: who may lift a step's "needs review", and when. The flag guards the content against
 * its own author, so it is lifted only by someone else — and never in the change that writes new
 * content, since whoever writes it becomes its author: content changed together with the flag
 * lifted would have run with nobody's review (issue 25's finding). Template steps and custom steps
 * apply the same rule.
 */
export function liftRefusal(change: {
  /** The flag before and after this change. */
  wasRequired: boolean;
  required: boolean;
  /** Whether this change writes new content (name, type, content or how it runs). */
  contentChanged: boolean;
  /** Who wrote the content as it is before this change. */
  authorId: number | null;
  actorId: number;
}): string | null {
  if (!change.wasRequired || change.required) return null;
  if (change.contentChanged) {
    return "The review stays required for new content: save the change with “Needs review” ticked, and someone other than you can lift it once they have read it.";
  }
  if (change.authorId === change.actorId) {
    return "You wrote this step's content, so someone else decides to lift its review (four eyes).";
  }
  return null;
}
