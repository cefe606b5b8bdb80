import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { buildBurndown, type Burndown, type BurndownDelta } from "@/lib/domain/releases/model/burndown";
import type { StepCategory } from "@/lib/domain/vocabulary";

/**
 * The release's burndown (steps left to do per day, by category and cluster) from its step
 * history: one aggregate over the release's steps (created) and their events (closed, reopened),
 * grouped by day in UTC. Customers out of the release (archived, excluded) and removed steps are
 * left out, as in every count.
 */
export async function getBurndown(release: { id: number; releaseDate: string | null }, db: DbOrTx = getDb()): Promise<Burndown> {
  const rows = executedRows(
    await db.execute(sql`
      with steps as (
        select s.id, s.category, c.cluster_id, s.created_at
        from customer_steps s
        join customers c on c.id = s.customer_id and c.is_active
        join release_customers rc on rc.release_id = s.release_id and rc.customer_id = s.customer_id and rc.membership = 'included'
        where s.release_id = ${release.id} and s.removed_at is null
      ), deltas as (
        select created_at as at, category, cluster_id, 1 as d from steps
        union all
        select e.created_at, st.category, st.cluster_id, case when e.kind in ('marked_done', 'skipped') then -1 else 1 end
        from step_events e join steps st on st.id = e.customer_step_id
        where e.release_id = ${release.id} and e.kind in ('marked_done', 'skipped', 'reverted', 'unskipped')
      )
      select to_char(at at time zone 'UTC', 'YYYY-MM-DD') as day, category::text as category, cluster_id, sum(d)::int as delta
      from deltas group by 1, 2, 3
    `),
  );
  const deltas: BurndownDelta[] = rows.map((r) => ({ day: String(r.day), category: r.category as StepCategory, clusterId: Number(r.cluster_id), delta: Number(r.delta) }));
  const names = executedRows(
    await db.execute(sql`select distinct k.id, k.name from clusters k join customers c on c.cluster_id = k.id
      join release_customers rc on rc.customer_id = c.id and rc.release_id = ${release.id}`),
  );
  const [runs] = executedRows(
    await db.execute(sql`
      select count(*) filter (where s.run_state = 'failed')::int as failed, count(*) filter (where s.run_state = 'unknown')::int as unknown
      from customer_steps s join customers c on c.id = s.customer_id and c.is_active
      where s.release_id = ${release.id} and s.removed_at is null and s.run_state in ('failed', 'unknown')`),
  );
  const burndown = buildBurndown(deltas, new Map(names.map((n) => [Number(n.id), String(n.name)])), {
    today: new Date().toISOString().slice(0, 10),
    targetDate: release.releaseDate,
  });
  return { ...burndown, failed: Number(runs?.failed ?? 0), unknown: Number(runs?.unknown ?? 0) };
}
