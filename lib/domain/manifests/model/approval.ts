/**
 * Who may not approve a publish's merge, and the words for why (four eyes): one definition for the
 * merge itself (mutations/merge.ts refuses) and the merge view (which says it beside the button).
 * Null: they may.
 */
export function approvalRefusal(who: { serviceAccount: boolean; publishedIt: boolean; publishedThisCommit: boolean; wroteStep: string | null }): string | null {
  if (who.serviceAccount) return "A service account cannot approve a merge: a person reviews the final YAML (four eyes).";
  if (who.publishedIt) return "You published these manifests: someone else approves the merge (four eyes).";
  if (who.publishedThisCommit) return "You published this commit (in an earlier publish of the branch): someone else approves the merge (four eyes).";
  if (who.wroteStep) return `You wrote the content of ${who.wroteStep}: its review is someone else's (four eyes).`;
  return null;
}
