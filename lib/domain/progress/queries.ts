import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rowsOf, type DbOrTx } from "@/db/client";
import { sqlList } from "@/lib/domain/templates/fanout";
import type { CountRow } from "./progress";

/**
 * One aggregate for a release's progress: step counts per customer and category. Removed custom
 * steps are not counted; reverted steps count as open. Feed the rows to `summarize`.
 */
export async function stepCountsForRelease(
  releaseId: number,
  options: { customerIds?: number[]; db?: DbOrTx } = {},
): Promise<CountRow[]> {
  const db = options.db ?? getDb();
  const filter = options.customerIds ? sql`and s.customer_id in ${sqlList(options.customerIds)}` : sql``;
  const result = await db.execute(sql`
    select s.customer_id as "customerId", c.cluster_id as "clusterId", s.category as "category",
           count(*)::int as "total",
           (count(*) filter (where s.status = 'done'))::int as "done",
           (count(*) filter (where s.status = 'skipped'))::int as "skipped"
    from customer_steps s
    join customers c on c.id = s.customer_id
    where s.release_id = ${releaseId} and s.removed_at is null ${filter}
    group by s.customer_id, c.cluster_id, s.category
  `);
  return rowsOf<CountRow>(result);
}

/** A `CountRow` tagged with its release: counts across several releases at once. */
export type ReleaseCountRow = CountRow & { releaseId: number };

/**
 * One aggregate over every active release: step counts per (release, customer, category), for
 * views that show several releases side by side (dashboard, cluster view, customers by
 * progress). Narrow it to one cluster or some customers; group by release, then `summarize`.
 */
export async function stepCountsForActiveReleases(
  options: { clusterId?: number; customerIds?: number[]; db?: DbOrTx } = {},
): Promise<ReleaseCountRow[]> {
  const db = options.db ?? getDb();
  const byCluster = options.clusterId !== undefined ? sql`and c.cluster_id = ${options.clusterId}` : sql``;
  const byCustomer = options.customerIds ? sql`and s.customer_id in ${sqlList(options.customerIds)}` : sql``;
  const result = await db.execute(sql`
    select s.release_id as "releaseId", s.customer_id as "customerId", c.cluster_id as "clusterId", s.category as "category",
           count(*)::int as "total",
           (count(*) filter (where s.status = 'done'))::int as "done",
           (count(*) filter (where s.status = 'skipped'))::int as "skipped"
    from customer_steps s
    join releases r on r.id = s.release_id and r.status = 'active'
    join customers c on c.id = s.customer_id
    where s.removed_at is null ${byCluster} ${byCustomer}
    group by s.release_id, s.customer_id, c.cluster_id, s.category
  `);
  return rowsOf<ReleaseCountRow>(result);
}
