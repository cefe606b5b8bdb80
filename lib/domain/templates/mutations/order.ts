import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { OrderMapping } from "@/lib/domain/templates/model/ordering";

type Category = "deploy" | "verify";

/** Gives template steps their new integers in one `UPDATE … FROM (VALUES …)`. */
export async function assignTemplateOrder(
  tx: DbOrTx,
  releaseId: number,
  assignments: ReadonlyArray<{ id: number; orderIndex: number }>,
): Promise<void> {
  if (assignments.length === 0) return;
  const values = sql.join(
    assignments.map((a) => sql`(${a.id}::int, ${a.orderIndex}::int)`),
    sql`, `,
  );
  await tx.execute(sql`
    update step_templates t
    set order_index = v.order_index, updated_at = now()
    from (values ${values}) as v(id, order_index)
    where t.id = v.id and t.release_id = ${releaseId} and t.order_index <> v.order_index
  `);
}

/**
 * Moves a release's customer steps of one category along with their template steps, in one
 * statement. Template copies sit on their template's integer and custom steps between them, so a
 * mapping from old integer to new value moves both, for every customer at once. Every live copy
 * follows (done ones too): order is presentation, not the content BR-R03 locks, and leaving done
 * copies behind would interleave them with the moved ones. Removed steps are history: untouched.
 * Order-only changes do not bump `version`, so they never make a concurrent "mark done" conflict.
 */
export async function remapCustomerOrder(
  tx: DbOrTx,
  options: { releaseId: number; category: Category; mapping: readonly OrderMapping[] },
): Promise<void> {
  const { releaseId, category, mapping } = options;
  if (mapping.length === 0) return;
  const values = sql.join(
    mapping.map((m) => sql`(${m.old}::float8, ${m.new}::float8, ${m.span}::float8)`),
    sql`, `,
  );
  await tx.execute(sql`
    update customer_steps cs
    set order_index = m.new_index + (cs.order_index - m.old_index) * m.span
    from (values ${values}) as m(old_index, new_index, span)
    where cs.release_id = ${releaseId} and cs.category = ${category}::step_category
      and cs.removed_at is null and floor(cs.order_index) = m.old_index
  `);
}
