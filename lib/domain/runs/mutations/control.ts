import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState, notFound } from "@/lib/domain/errors";
import { settleRun } from "./settle";

async function lockRun(tx: Tx, runId: number) {
  const [run] = executedRows(await tx.execute(sql`select r.id, r.status, r.release_id, rl.name as release_name from runs r join releases rl on rl.id = r.release_id where r.id = ${runId} for update of r`));
  if (!run) throw notFound("That run");
  return { id: Number(run.id), status: String(run.status), releaseId: Number(run.release_id), releaseName: String(run.release_name) };
}

/** Pause: nothing more is handed to agents; what runs now finishes. Audited. */
export async function pauseRun(input: { runId: number }, actor: Actor, db = getDb()): Promise<{ runId: number; releaseId: number }> {
  return db.transaction(async (tx) => {
    const run = await lockRun(tx, input.runId);
    if (run.status !== "active") throw invalidState(`Run #${run.id} is ${run.status}: only an active run can be paused.`);
    await tx.execute(sql`update runs set status = 'paused', paused_reason = ${`Paused by ${actor.name}.`} where id = ${run.id}`);
    await recordAudit(tx, actor, { action: "run.pause", entityType: "release", entityId: run.releaseId, summary: `Paused run #${run.id} of "${run.releaseName}"` });
    return { runId: run.id, releaseId: run.releaseId };
  });
}

/** Resume a paused run (by a person or by its failure budget): agents take its queue again. Audited. */
export async function resumeRun(input: { runId: number }, actor: Actor, db = getDb()): Promise<{ runId: number; releaseId: number }> {
  return db.transaction(async (tx) => {
    const run = await lockRun(tx, input.runId);
    if (run.status !== "paused") throw invalidState(`Run #${run.id} is ${run.status}: only a paused run can be resumed.`);
    await tx.execute(sql`update runs set status = 'active', paused_reason = null where id = ${run.id}`);
    await recordAudit(tx, actor, { action: "run.resume", entityType: "release", entityId: run.releaseId, summary: `Resumed run #${run.id} of "${run.releaseName}"` });
    return { runId: run.id, releaseId: run.releaseId };
  });
}

/**
 * Cancel: queued steps are cancelled at once (their steps are open again); running ones are asked
 * to stop — the agent hears it on its next report (within seconds), sends SIGTERM and then SIGKILL
 * after a grace, and reports the step failed ("cancelled while it ran"). Audited.
 */
export async function cancelRun(input: { runId: number }, actor: Actor, db = getDb()): Promise<{ runId: number; releaseId: number; cancelled: number; stopping: number }> {
  return db.transaction(async (tx) => {
    const run = await lockRun(tx, input.runId);
    if (run.status === "cancelled" || run.status === "finished") throw invalidState(`Run #${run.id} is already ${run.status}.`);
    await tx.execute(sql`update runs set status = 'cancelled', paused_reason = ${`Cancelled by ${actor.name}.`} where id = ${run.id}`);
    const [counts] = executedRows(
      await tx.execute(sql`
        with queued as (
          update run_items set state = 'cancelled', finished_at = now(), note = ${`Cancelled before it ran, by ${actor.name}.`}
          where run_id = ${run.id} and state = 'queued' returning customer_step_id
        ), unqueued as (
          update customer_steps s set run_state = null, version = s.version + 1, updated_by_id = ${actor.id}, updated_at = now()
          from queued where s.id = queued.customer_step_id and s.run_state = 'queued'
        ), stopping as (
          update run_items set cancel_requested_at = now(), note = ${`Stop requested by ${actor.name}.`}
          where run_id = ${run.id} and state = 'running' returning id
        )
        select (select count(*) from queued)::int as cancelled, (select count(*) from stopping)::int as stopping`),
    );
    await settleRun(tx, run.id, []);
    await recordAudit(tx, actor, {
      action: "run.cancel",
      entityType: "release",
      entityId: run.releaseId,
      summary: `Cancelled run #${run.id} of "${run.releaseName}" (${Number(counts.cancelled)} queued steps cancelled, ${Number(counts.stopping)} running asked to stop)`,
    });
    return { runId: run.id, releaseId: run.releaseId, cancelled: Number(counts.cancelled), stopping: Number(counts.stopping) };
  });
}
