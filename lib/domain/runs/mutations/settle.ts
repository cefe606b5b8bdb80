import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { enqueueWebhook } from "@/lib/domain/webhooks/mutations/enqueue";

/**
 * What a run does once one of its items ended, inside that item's transaction (the run's row is
 * locked first, so two agents finishing at once settle it in turn):
 *  - a customer's steps (stop on failure): an item that did not end done stops the rest of that
 *    customer's queue — each cancelled with the reason;
 *  - the failure budget: after K failed (or outcome-unknown) items, or x % of the run's items, the
 *    run pauses itself and says why (webhook run.paused);
 *  - nothing left queued or running: the run is finished (webhook run.finished).
 */
export async function settleRun(tx: DbOrTx, runId: number, ended: { customerId: number; position: number; ok: boolean; stepName: string }[]): Promise<void> {
  const [run] = executedRows(
    await tx.execute(sql`
      select r.id, r.status, r.stop_on_failure, r.failure_budget, r.failure_budget_percent, r.release_id, rl.name as release_name, rl.version_number
      from runs r join releases rl on rl.id = r.release_id where r.id = ${runId} for update of r`),
  );
  if (!run) return;
  const release = { id: Number(run.release_id), name: String(run.release_name), version: (run.version_number as string | null) ?? null };
  if (run.stop_on_failure) {
    for (const e of ended.filter((x) => !x.ok)) {
      await tx.execute(sql`
        with stopped as (
          update run_items set state = 'cancelled', finished_at = now(), note = ${`Not run: "${e.stepName}" before it did not end done.`}
          where run_id = ${runId} and customer_id = ${e.customerId} and position > ${e.position} and state = 'queued'
          returning customer_step_id
        )
        update customer_steps s set run_state = null, version = s.version + 1, updated_at = now()
        from stopped where s.id = stopped.customer_step_id and s.run_state = 'queued'`);
    }
  }
  const [counts] = executedRows(
    await tx.execute(sql`
      select count(*)::int as total,
        count(*) filter (where state = 'queued')::int as queued, count(*) filter (where state = 'running')::int as running,
        count(*) filter (where state = 'done')::int as done, count(*) filter (where state = 'failed')::int as failed,
        count(*) filter (where state = 'unknown')::int as unknown, count(*) filter (where state = 'cancelled')::int as cancelled
      from run_items where run_id = ${runId}`),
  );
  const c = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])) as Record<string, number>;
  const failures = c.failed + c.unknown;
  if (run.status === "active" && c.queued > 0 && ended.some((e) => !e.ok)) {
    const budget = run.failure_budget === null ? null : Number(run.failure_budget);
    const percent = run.failure_budget_percent === null ? null : Number(run.failure_budget_percent);
    const overCount = budget !== null && failures >= budget;
    const overPercent = percent !== null && (failures * 100) / c.total >= percent;
    if (overCount || overPercent) {
      const reason = overCount
        ? `Paused by its failure budget: ${failures} of ${c.total} steps failed or ended unknown (budget: ${budget}).`
        : `Paused by its failure budget: ${failures} of ${c.total} steps (${Math.round((failures * 100) / c.total)} %) failed or ended unknown (budget: ${percent} %).`;
      await tx.execute(sql`update runs set status = 'paused', paused_reason = ${reason} where id = ${runId}`);
      await recordAudit(tx, null, { action: "run.paused", entityType: "release", entityId: release.id, summary: `Run #${runId} of "${release.name}": ${reason}` });
      await enqueueWebhook(tx, "run.paused", { release, run: { id: runId, reason, counts: c } });
    }
  }
  if (c.queued === 0 && c.running === 0 && (run.status === "active" || run.status === "paused")) {
    await tx.execute(sql`update runs set status = 'finished', finished_at = now() where id = ${runId}`);
    await enqueueWebhook(tx, "run.finished", { release, run: { id: runId, counts: c } });
  } else if (c.queued === 0 && c.running === 0 && run.status === "cancelled") {
    await tx.execute(sql`update runs set finished_at = coalesce(finished_at, now()) where id = ${runId}`);
  }
}

/**
 * Runs left with nothing queued and nothing running that are still active or paused — their last
 * queued steps were cancelled by a person's decision (a step marked done or skipped by hand, its
 * content changed, the customer moved) rather than ended by an agent — are finished (webhook
 * run.finished), each exactly once. `runIds` narrows it to the runs a change touched; without it,
 * every run (the lease sweeper's pass, lib/runtime/run-sweeper.ts, the backstop for all paths).
 * SKIP LOCKED: a run another transaction holds is settled by that one, or by the next sweep — this
 * never waits, so it may run inside any step change without a lock-order question.
 */
export async function settleIdleRuns(tx: DbOrTx, runIds?: number[]): Promise<number> {
  if (runIds && runIds.length === 0) return 0;
  const idle = executedRows(
    await tx.execute(sql`
      select r.id from runs r
      where r.status in ('active', 'paused') ${runIds ? sql`and r.id = any(${`{${runIds.join(",")}}`}::bigint[])` : sql``}
        and not exists (select 1 from run_items i where i.run_id = r.id and i.state in ('queued', 'running'))
      order by r.id
      for update of r skip locked`),
  ).map((r) => Number(r.id));
  for (const id of idle) await settleRun(tx, id, []);
  return idle.length;
}
