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
