// No "server-only" marker here: db scripts (the demo seed, run by plain Node through tsx) use it
// too. The app imports it through fanout.ts, which carries the marker.
import { sql } from "drizzle-orm";
import { affectedRows, type DbOrTx } from "@/db/client";
import type { stepOriginEnum } from "@/db/schema";

type Origin = (typeof stepOriginEnum.enumValues)[number];

/**
 * Copies a release's template steps to its included customers, in one INSERT … SELECT: the one
 * fan-out behind activation (BR-R01), customers joining later (BR-S06), customers added to a
 * narrowed release, and template steps added after activation. Only active customers on active,
 * non-deleted clusters receive steps. Idempotent: the unique (release, customer, template) key
 * makes a repeat a no-op. Returns the number of customer steps created.
 */
export async function copyTemplatesToCustomers(
  tx: DbOrTx,
  options: {
    /** One release, or every active release when omitted (customers joining later). */
    releaseId?: number;
    origin: Origin;
    templateIds?: number[];
    customerIds?: number[];
  },
): Promise<number> {
  const { releaseId, origin, templateIds, customerIds } = options;
  const releaseFilter =
    releaseId !== undefined
      ? sql`t.release_id = ${releaseId}`
      : sql`t.release_id in (select id from releases where status = 'active')`;
  const templateFilter = templateIds ? sql`and t.id in ${sqlList(templateIds)}` : sql``;
  const customerFilter = customerIds ? sql`and rc.customer_id in ${sqlList(customerIds)}` : sql``;
  const result = await tx.execute(sql`
    insert into customer_steps
      (release_id, customer_id, template_id, name, category, type, content, description, order_index, origin, is_custom, execution)
    select t.release_id, rc.customer_id, t.id, t.name, t.category, t.type, t.content, t.description, t.order_index,
           ${origin}::step_origin, false, t.execution
    from step_templates t
    join release_customers rc on rc.release_id = t.release_id and rc.membership = 'included'
    join customers c on c.id = rc.customer_id and c.is_active
    join clusters k on k.id = c.cluster_id and k.is_active and k.deleted_at is null
    where ${releaseFilter} and t.deleted_at is null ${templateFilter} ${customerFilter}
    on conflict (release_id, customer_id, template_id) do nothing
  `);
  return affectedRows(result);
}

/** `(1, 2, 3)` for an IN clause; an empty list matches nothing. */
export function sqlList(values: number[]) {
  if (values.length === 0) return sql`(null)`;
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
