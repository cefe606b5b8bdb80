import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { invalidState } from "@/lib/domain/errors";
import { getPipeline } from "@/lib/domain/stages/queries/pipeline";
import { releaseStageIdOf } from "@/lib/domain/stages/queries/stage-of";

/**
 * Refuses a status change for a customer whose stage is not open yet, with the reason in words
 * ("customer-c is in production, which is not open yet: production opens after canary is
 * complete and Security has signed off"). The statements enforce the same gate (stage-of.ts:
 * stageOpen); this is the slow path that explains a refusal, and the check of many-step changes.
 */
export async function assertStageOpen(db: DbOrTx, releaseId: number, customerId: number): Promise<void> {
  const [row] = executedRows(
    await db.execute(sql`
      select c.name, rs.id, rs.opened_at from customers c
      left join release_stages rs on rs.id = ${releaseStageIdOf(sql`${releaseId}`, sql`c`)}
      where c.id = ${customerId}
    `),
  );
  if (!row || row.id === null || row.opened_at !== null) return;
  const pipeline = await getPipeline(releaseId, db);
  const stage = pipeline.stages.find((s) => s.id === Number(row.id));
  throw invalidState(`${String(row.name)} is in ${stage?.name ?? "a stage"}, which is not open yet: ${stage?.waitingReason ?? "a release manager promotes it first."}`);
}
