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
