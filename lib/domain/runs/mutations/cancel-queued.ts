import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { settleIdleRuns } from "./settle";

/**
 * Cancels queued run items whose step changed before an agent claimed them (issue 26: "a change
 * of the step's content while a run is queued cancels that queued run with a notice"): the item
 * says why, the step's "queued" mark goes, and the run page shows the notice. Running items are
 * never touched here — what runs was fixed when it was claimed, and content cannot change while
 * it runs. `where` is a condition on run_items. Returns how many were cancelled. (A customer's
 * run does not go past a step cancelled here: its agent is refused the next one at claim.)
 */
export async function cancelQueuedItems(tx: DbOrTx, options: { where: SQL; note: string }): Promise<number> {
  const rows = executedRows(
    await tx.execute(sql`
      with cancelled as (
        update run_items set state = 'cancelled', note = ${options.note}, finished_at = now()
        where state = 'queued' and ${options.where}
        returning customer_step_id, run_id
      ), cleared as (
        update customer_steps s set run_state = null
        from cancelled c where s.id = c.customer_step_id and s.run_state = 'queued'
        returning s.id
      )
      select run_id, count(*)::int as n from cancelled group by run_id
    `),
  );
  // A run whose last queued steps these were has nothing left: it is finished now, not left "active".
  await settleIdleRuns(tx, rows.map((r) => Number(r.run_id)));
  return rows.reduce((n, r) => n + Number(r.n), 0);
}
