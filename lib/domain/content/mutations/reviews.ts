import "server-only";
import { sql } from "drizzle-orm";
import { affectedRows, type DbOrTx } from "@/db/client";

/**
 * Four eyes reviewed a step's content as it would run for one customer: with that customer's
 * values. When a value changes (a customer's name, namespace or metadata; its cluster's name,
 * kubeconfig or metadata; the release's name, version or variables), what runs changes, so the
 * reviews of open steps that use variables no longer hold and are cleared — one UPDATE, in the
 * caller's transaction. Returns how many reviews were cleared.
 */
export async function clearReviewsForValues(
  tx: DbOrTx,
  scope: { customerId: number } | { clusterId: number } | { releaseId: number } | { customerIds: number[] } | { clusterIds: number[] },
): Promise<number> {
  const ids = (list: number[]) => `{${list.join(",")}}`;
  const where =
    "customerId" in scope
      ? sql`s.customer_id = ${scope.customerId}`
      : "clusterId" in scope
        ? sql`s.customer_id in (select c.id from customers c where c.cluster_id = ${scope.clusterId})`
        : "customerIds" in scope
          ? sql`s.customer_id = any(${ids(scope.customerIds)}::int[])`
          : "clusterIds" in scope
            ? sql`s.customer_id in (select c.id from customers c where c.cluster_id = any(${ids(scope.clusterIds)}::int[]))`
            : sql`s.release_id = ${scope.releaseId}`;
  return affectedRows(
    await tx.execute(sql`
      update customer_steps s set reviewed_by_id = null, reviewed_at = null
      where ${where} and s.reviewed_by_id is not null and s.status in ('pending', 'reverted')
        and (s.content like '%{{%' or s.name like '%{{%')
    `),
  );
}
