// No "server-only" marker: a plain SQL fragment, used by reads (confirmations) and writes alike.
import { sql, type SQL } from "drizzle-orm";

/**
 * Four eyes, as SQL over a row of customer_steps named `row`: the step asks for a review — its
 * template's flag for a copy, its own flag for a custom step, or it is run by an agent (code that
 * runs unattended is read by two people, unless the release's track waived it) — and nobody has
 * recorded one for its content yet. Every path that marks steps done (one, "mark all", bulk, a
 * run) and every confirmation that counts what they would do reads this one definition.
 */
export function awaitingReview(row: string): SQL {
  const r = sql.raw(row);
  return sql`(${r}.reviewed_by_id is null and (case when ${r}.template_id is null then ${r}.needs_review
    else exists (select 1 from step_templates t where t.id = ${r}.template_id and t.needs_review) end
    or (${r}.execution = 'agent' and not exists (select 1 from releases rl where rl.id = ${r}.release_id and rl.agent_review_waived))))`;
}
