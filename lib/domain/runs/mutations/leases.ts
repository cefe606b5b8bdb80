import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { settleIdleRuns, settleRun } from "./settle";

/**
 * Leases that ran out (the agent was killed, its host or network went away): the item's outcome
 * is unknown — the script may or may not have run — so it is never run again by itself (scripts
 * are not idempotent: at most once). The step shows "outcome unknown" and a person decides: retry,
 * mark done by hand, or skip. One statement per sweep (FOR UPDATE SKIP LOCKED: every app process
 * may sweep, none waits for another), then each affected run is settled. Returns how many expired.
 */
export async function expireLeases(db = getDb()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = executedRows(
      await tx.execute(sql`
        with expired as (
          select i.id from run_items i where i.state = 'running' and i.lease_until < now()
          order by i.id limit 500 for update skip locked
        ), items as (
          update run_items i set state = 'unknown', finished_at = now(),
            note = 'Outcome unknown: agent ' || coalesce((select a.name from agents a where a.id = i.agent_id), '?') || ' stopped reporting (its lease ran out at '
                   || to_char(i.lease_until at time zone 'UTC', 'HH24:MI:SS') || ' UTC). It may or may not have run; it will not run again by itself.'
          from expired where i.id = expired.id
          returning i.id, i.run_id, i.customer_step_id, i.customer_id, i.position, i.agent_id, i.content, i.content_sha256, i.note
        ), steps as (
          update customer_steps s set run_state = 'unknown', version = s.version + 1, updated_at = now()
          from items where s.id = items.customer_step_id and s.run_state = 'running'
          returning s.id, s.release_id, s.customer_id, s.name, s.updated_by_id
        ), events as (
          insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
          select steps.id, steps.release_id, steps.customer_id, 'run_unknown', steps.updated_by_id,
                 jsonb_build_object('ran', items.content, 'run', jsonb_build_object('runId', items.run_id, 'itemId', items.id, 'sha256', items.content_sha256,
                   'agent', (select a.name from agents a where a.id = items.agent_id), 'note', items.note))
          from steps join items on items.customer_step_id = steps.id
        )
        select items.run_id, items.customer_id, items.position, steps.name as step_name from items left join steps on steps.id = items.customer_step_id
      `),
    );
    const byRun = new Map<number, { customerId: number; position: number; ok: boolean; stepName: string }[]>();
    for (const r of rows) {
      const list = byRun.get(Number(r.run_id)) ?? [];
      list.push({ customerId: Number(r.customer_id), position: Number(r.position), ok: false, stepName: String(r.step_name ?? "a step") });
      byRun.set(Number(r.run_id), list);
    }
    for (const [runId, ended] of [...byRun].sort((a, b) => a[0] - b[0])) await settleRun(tx, runId, ended);
    return rows.length;
  });
}

/** The sweeper's backstop: every run left with nothing queued or running is finished (settle.ts). */
export async function settleIdleRunsNow(db = getDb()): Promise<number> {
  return db.transaction((tx) => settleIdleRuns(tx));
}
