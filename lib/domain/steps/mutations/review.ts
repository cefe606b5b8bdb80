import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db, type DbOrTx } from "@/db/client";
import { releases, stepTemplates, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState } from "@/lib/domain/errors";
import { ranDetail } from "@/lib/domain/content/queries/ran-sql";
import type { StepOnlyInput } from "../input";
import { applyChange, loadForChange, type StepRow } from "./guard";
import { executedRows } from "@/db/typed-rows";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import { awaitingReview as awaitingReviewSql } from "@/lib/domain/steps/queries/review-sql";

/**
 * Four eyes. A template step marked "needs review" (or a custom step marked so) cannot have a
 * customer's copy marked done until someone other than the author of that copy's content (who
 * last changed the template's text, this customer's override, or the custom step) has recorded
 * "Reviewed". Any change of the content clears it (the override, reset, custom-edit and
 * template-edit paths set reviewed_by_id to null), and the flag itself is lifted only by someone
 * other than that author, never in the same change as the content (model/four-eyes.ts).
 */
export async function needsReview(tx: DbOrTx, step: StepRow): Promise<{ needed: boolean; authorId: number | null; authorName: string | null }> {
  // A custom step carries its own flag; a template's copy follows its template's.
  const [template] =
    step.templateId === null
      ? [{ needsReview: step.needsReview, contentById: null }]
      : await tx
          .select({ needsReview: stepTemplates.needsReview, contentById: stepTemplates.contentById })
          .from(stepTemplates)
          .where(eq(stepTemplates.id, step.templateId));
  const authorId = step.contentById ?? template?.contentById ?? null;
  const [author] = authorId === null ? [] : await tx.select({ name: users.name }).from(users).where(eq(users.id, authorId));
  // An agent runs it unattended: read by two people unless the release's track waived it.
  const [release] = step.execution === "agent" ? await tx.select({ waived: releases.agentReviewWaived }).from(releases).where(eq(releases.id, step.releaseId)) : [];
  const byAgent = step.execution === "agent" && !release?.waived;
  return { needed: Boolean(template?.needsReview) || byAgent, authorId, authorName: author?.name ?? null };
}

/** The words for "marked done before it was reviewed", the same from every path. */
export const reviewFirst = (authorName: string | null) =>
  `This step needs a review before it can be marked done: someone other than ${authorName ?? "the author of its content"} records "Reviewed" on this customer's content first.`;

export async function recordReview(input: StepOnlyInput, actor: Actor, { db = getDb() }: { db?: Db } = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    const { needed, authorId } = await needsReview(tx, step);
    if (!needed) throw invalidState("This step does not need a review.");
    if (step.status === "done" || step.status === "skipped") throw invalidState(`This step is ${step.status}: there is nothing left to review.`);
    if (step.reviewedById !== null) throw invalidState("This step is already reviewed.");
    if (authorId === actor.id) {
      throw invalidState("You last changed this content, so someone else must review it (four eyes).");
    }
    const row = await applyChange(tx, step, { reviewedById: actor.id, reviewedAt: sql`now()` }, actor);
    // What was reviewed, exactly as it will run: the content and the customer's values now.
    await tx.execute(sql`
      insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
      select s.id, s.release_id, s.customer_id, 'reviewed', ${actor.id}, ${ranDetail("s")} from customer_steps s where s.id = ${row.id}
    `);
    await recordAudit(tx, actor, {
      action: "customer_step.review",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Reviewed "${row.name}"`,
      after: { reviewedById: actor.id },
    });
    return row;
  });
}

/**
 * Review a template step for every customer at once (the step's across page): records "Reviewed"
 * on each open copy that waits for a review — one set-based statement, each copy's history keeping
 * what was reviewed for that customer (its content and values, as for one review). Copies whose
 * content this person wrote (the template's text, or their own override) are left for someone
 * else, and counted. Audited once with the counts.
 */
export async function reviewAcross(input: { releaseId: number; templateId: number }, actor: Actor, { db = getDb() }: { db?: Db } = {}): Promise<{ reviewed: number; ownContent: number }> {
  return db.transaction(async (tx) => {
    const release = await lockRelease(tx, input.releaseId);
    if (release.status !== "active") throw invalidState(`This release is ${release.status}: its steps can only change while it is active.`);
    const [template] = await tx.select({ name: stepTemplates.name, contentById: stepTemplates.contentById }).from(stepTemplates).where(eq(stepTemplates.id, input.templateId));
    if (!template) throw invalidState("That template step is not part of this release.");
    const waiting = sql`s.release_id = ${input.releaseId} and s.template_id = ${input.templateId} and s.removed_at is null
      and s.status in ('pending', 'reverted') and s.run_state is distinct from 'running' and ${awaitingReviewSql("s")}`;
    const author = sql`coalesce(s.content_by_id, (select t.content_by_id from step_templates t where t.id = s.template_id))`;
    const rows = executedRows(
      await tx.execute(sql`
        with picked as (
          select s.id from customer_steps s join customers c on c.id = s.customer_id
          where ${waiting} and c.is_active and ${author} is distinct from ${actor.id}
          order by s.id for update of s
        ), upd as (
          update customer_steps s set reviewed_by_id = ${actor.id}, reviewed_at = now(), version = s.version + 1, updated_by_id = ${actor.id}, updated_at = now()
          from picked where s.id = picked.id
          returning s.*
        ), ev as (
          insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
          select upd.id, upd.release_id, upd.customer_id, 'reviewed', ${actor.id}, ${ranDetail("upd")} || '{"across": true}'::jsonb from upd
        )
        select (select count(*) from upd)::int as reviewed,
               (select count(*) from customer_steps s where ${waiting} and ${author} = ${actor.id})::int as own
      `),
    );
    const reviewed = Number(rows[0]?.reviewed ?? 0);
    const ownContent = Number(rows[0]?.own ?? 0);
    if (reviewed === 0) {
      throw invalidState(
        ownContent ? `Nothing was reviewed: you wrote the content of the ${ownContent === 1 ? "copy" : `${ownContent} copies`} waiting for a review, so someone else reviews ${ownContent === 1 ? "it" : "them"} (four eyes).` : `No copy of "${template.name}" is waiting for a review.`,
      );
    }
    await recordAudit(tx, actor, {
      action: "customer_step.review_across",
      entityType: "step_template",
      entityId: input.templateId,
      summary: `Reviewed "${template.name}" for ${reviewed} customer${reviewed === 1 ? "" : "s"}${ownContent ? ` (${ownContent} of their own content left for someone else)` : ""}`,
      after: { reviewed, ownContent },
    });
    return { reviewed, ownContent };
  });
}
