import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rowsOf, type DbOrTx } from "@/db/client";
import { sqlList } from "@/lib/domain/templates/mutations/fanout";
import type { CountRow } from "@/lib/domain/progress/model/progress";

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
  // Counted first, straight off the progress index, then joined to customers: one join per
  // (customer, category) group instead of one per step.
  const result = await db.execute(sql`
    select a.customer_id as "customerId", c.cluster_id as "clusterId", a.category as "category",
           a.total::int as "total", a.done::int as "done", a.skipped::int as "skipped"
    from (
      select s.customer_id, s.category, count(*) as total,
             count(*) filter (where s.status = 'done') as done,
             count(*) filter (where s.status = 'skipped') as skipped
      from customer_steps s
      where s.release_id = ${releaseId} and s.removed_at is null ${filter}
      group by s.customer_id, s.category
    ) a
    join customers c on c.id = a.customer_id
  `);
  return rowsOf<CountRow>(result);
}

/** A `CountRow` tagged with its release: counts across several releases at once. */
export type ReleaseCountRow = CountRow & { releaseId: number; reverted: number };

/**
 * One aggregate over every active release: step counts per (release, customer, category), for
 * views that show several releases side by side (dashboard, cluster view, customers by
 * progress). Narrow it to one cluster or some customers; group by release, then `summarize`.
 */
export async function stepCountsForActiveReleases(
  options: { clusterId?: number; customerIds?: number[]; db?: DbOrTx } = {},
): Promise<ReleaseCountRow[]> {
  const db = options.db ?? getDb();
  const byCluster =
    options.clusterId !== undefined ? sql`and s.customer_id in (select id from customers where cluster_id = ${options.clusterId})` : sql``;
  const byCustomer = options.customerIds ? sql`and s.customer_id in ${sqlList(options.customerIds)}` : sql``;
  // As above: count per (release, customer, category) off the progress index, then join.
  const result = await db.execute(sql`
    select a.release_id as "releaseId", a.customer_id as "customerId", c.cluster_id as "clusterId", a.category as "category",
           a.total::int as "total", a.done::int as "done", a.skipped::int as "skipped", a.reverted::int as "reverted"
    from (
      select s.release_id, s.customer_id, s.category, count(*) as total,
             count(*) filter (where s.status = 'done') as done,
             count(*) filter (where s.status = 'skipped') as skipped,
             count(*) filter (where s.status = 'reverted') as reverted
      from customer_steps s
      where s.removed_at is null and s.release_id in (select id from releases where status = 'active') ${byCluster} ${byCustomer}
      group by s.release_id, s.customer_id, s.category
    ) a
    join customers c on c.id = a.customer_id
  `);
  return rowsOf<ReleaseCountRow>(result);
}
