// No "server-only" marker: a SQL fragment (like review-sql.ts).
import { sql, type SQL } from "drizzle-orm";
import { awaitingReview } from "@/lib/domain/steps/queries/review-sql";
import { stageOpen } from "@/lib/domain/stages/queries/stage-of";

/**
 * Why a customer step cannot be handed to an agent now — null when it can. Over customer_steps
 * `s`, its customer `c` and its release `r`. The same rules as a click (status, stage, four eyes,
 * archived customers), asked when a run starts and again when an agent claims the step, so a rule
 * that changed meanwhile still holds. Words for each reason: model/eligibility.ts.
 */
export function notRunnable(s = "s", c = "c", r = "r", { claiming = false } = {}): SQL {
  const [S, C, R] = [sql.raw(s), sql.raw(c), sql.raw(r)];
  // When an agent claims it, the step is queued by the very item being claimed.
  const inARun = claiming ? sql`${S}.run_state is distinct from 'queued'` : sql`${S}.run_state in ('queued', 'running')`;
  return sql`case
    when ${S}.removed_at is not null then 'removed'
    when ${R}.status <> 'active' then 'release_not_active'
    when not ${C}.is_active then 'customer_archived'
    when ${S}.execution = 'manifest' then 'manifest'
    when ${S}.execution <> 'agent' then 'manual'
    when ${S}.status not in ('pending', 'reverted') then 'not_open'
    when ${inARun} then 'in_a_run'
    when not ${stageOpen(S, C)} then 'stage_not_open'
    when ${awaitingReview(s)} then 'awaiting_review'
  end`;
}
