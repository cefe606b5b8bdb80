import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { copyTemplatesToCustomers, sqlList } from "@/lib/domain/templates/mutations/fanout";

/**
 * BR-S06: a customer created (or re-activated) while releases are active joins every active
 * release that was activated for all customers (not those narrowed to chosen customers) and
 * receives its template steps; their history says "customer joined". Set-based; call inside the
 * transaction that creates or re-activates the customers. Returns the number of steps created.
 */
export async function giveActiveReleasesToCustomers(tx: DbOrTx, customerIds: number[]): Promise<number> {
  if (customerIds.length === 0) return 0;
  await tx.execute(sql`
    insert into release_customers (release_id, customer_id, membership)
    select r.id, c.id, 'included'
    from releases r
    cross join customers c
    where r.status = 'active' and r.scope = 'all' and c.is_active and c.id in ${sqlList(customerIds)}
    on conflict (release_id, customer_id) do nothing
  `);
  return copyTemplatesToCustomers(tx, { origin: "customer_joined", customerIds });
}
