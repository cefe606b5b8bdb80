import "server-only";
import { eq, sql } from "drizzle-orm";
import { affectedRows, getDb, type Db } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { customers } from "@/db/schema";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState, notFound } from "@/lib/domain/errors";
import type { MarkAllDoneInput } from "../input";
import { ranDetail } from "@/lib/domain/content/queries/ran-sql";
import { awaitingReview as awaitingReviewSql } from "@/lib/domain/steps/queries/review-sql";
import { awaitingWords, runningWords } from "@/lib/domain/steps/model/mark-all";
import { assertStageOpen } from "@/lib/domain/stages/mutations/gate";

/**
 * FET-004: every open step (pending or reverted) of one customer's category marked done in one
 * transaction — one UPDATE whose RETURNING feeds one INSERT … SELECT of events. Skipped and done
 * steps are left as they are. A step another user changes at the same moment is either already
 * done (so not matched) or waits for the row lock and is then re-checked by the WHERE clause.
 */
export async function markAllDone(
  input: MarkAllDoneInput,
  actor: Actor,
  { db = getDb() }: { db?: Db } = {},
): Promise<{ marked: number; awaitingReview: number; authors: string[] }> {
  return db.transaction(async (tx) => {
    // Many steps at once: the release lock first (the lock order in releases/load.ts).
    const release = await lockRelease(tx, input.releaseId);
    const [customer] = await tx.select({ name: customers.name }).from(customers).where(eq(customers.id, input.customerId));
    if (!customer) throw notFound("The release or customer");
    if (release.status !== "active") throw invalidState(`This release is ${release.status}: its steps can only change while it is active.`);
    // The customer's stage must be open; the release lock keeps it from changing meanwhile (stages only open, never close).
    await assertStageOpen(tx, input.releaseId, input.customerId);
    const notes = input.notes.trim();
    const detail = notes ? { notes, bulk: true } : { bulk: true };
    // The events inserted are the steps marked: the statement's row count is the answer.
    const marked = affectedRows(
      await tx.execute(sql`
        with changed as (
          update customer_steps
          set status = 'done', executed_at = now(), executed_by_id = ${actor.id}, skip_reason = null, run_state = null,
              notes = case when ${notes} = '' then notes else ${notes} end,
              version = version + 1, updated_by_id = ${actor.id}, updated_at = now()
          where release_id = ${input.releaseId} and customer_id = ${input.customerId}
            and category = ${input.category}::step_category and removed_at is null
            and status in ('pending', 'reverted')
            -- An agent is running it: its outcome decides, not a click.
            and run_state is distinct from 'running'
            -- Four eyes: a step waiting for its review is left for after the review.
            and not ${awaitingReviewSql("customer_steps")}
          returning id, release_id, customer_id, name, content
        ), unqueued as (
          update run_items i set state = 'cancelled', finished_at = now(), note = 'Cancelled before it ran: ' || ${actor.name} || ' marked it done by hand (mark all).'
          from changed where i.customer_step_id = changed.id and i.state = 'queued'
        )
        insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
        select id, release_id, customer_id, 'marked_done', ${actor.id}, ${JSON.stringify(detail)}::jsonb || ${ranDetail("changed")} from changed
      `),
    );
    // What was left for its review (every open step left is), and whose content each is, so the
    // answer says exactly who may not review it.
    const left = executedRows(
      await tx.execute(sql`
        select coalesce(u.name, 'its author') as author, count(*)::int as n from customer_steps s
        left join step_templates t on t.id = s.template_id
        left join users u on u.id = coalesce(s.content_by_id, t.content_by_id)
        where s.release_id = ${input.releaseId} and s.customer_id = ${input.customerId}
          and s.category = ${input.category}::step_category and s.removed_at is null and s.status in ('pending', 'reverted')
          and s.run_state is distinct from 'running' and ${awaitingReviewSql("s")}
        group by 1 order by 1
      `),
    );
    const awaitingReview = left.reduce((sum, r) => sum + Number(r.n), 0);
    const authors = left.map((r) => String(r.author));
    if (marked === 0 && awaitingReview > 0) {
      throw invalidState(`Nothing was marked done: ${awaitingWords(awaitingReview, authors)}.`);
    }
    if (marked === 0) {
      const [running] = executedRows(
        await tx.execute(sql`select count(*)::int as n from customer_steps where release_id = ${input.releaseId} and customer_id = ${input.customerId}
          and category = ${input.category}::step_category and removed_at is null and run_state = 'running'`),
      );
      if (Number(running?.n ?? 0) > 0) throw invalidState(`Nothing was marked done: ${runningWords(Number(running.n))}.`);
    }
    if (marked === 0) throw invalidState(`No ${input.category} steps are waiting for ${customer.name}: nothing to mark done.`);
    await recordAudit(tx, actor, {
      action: "customer_step.mark_all_done",
      entityType: "customer",
      entityId: input.customerId,
      summary: `Marked ${marked} ${input.category} step${marked === 1 ? "" : "s"} done for ${customer.name}`,
      after: { releaseId: input.releaseId, category: input.category, marked, notes, awaitingReview },
    });
    return { marked, awaitingReview, authors };
  });
}
