import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { getPipeline } from "@/lib/domain/stages/queries/pipeline";
import { releaseStageIdOf } from "@/lib/domain/stages/queries/stage-of";

/**
 * Why a customer's steps cannot change in this release yet, in words ("customer-c is in
 * production, which is not open yet: production opens after canary is complete and Security has
 * signed off, …"), or null when its stage is open or the release has no stages. One small read;
 * the pipeline is read only for a customer that waits.
 */
export async function stageLockOf(db: DbOrTx, releaseId: number, customerId: number): Promise<string | null> {
  const [row] = executedRows(
    await db.execute(sql`
      select c.name, rs.id, rs.opened_at from customers c
      left join release_stages rs on rs.id = ${releaseStageIdOf(sql`${releaseId}`, sql`c`)}
      where c.id = ${customerId}
    `),
  );
  if (!row || row.id === null || row.opened_at !== null) return null;
  const pipeline = await getPipeline(releaseId, db);
  const stage = pipeline.stages.find((s) => s.id === Number(row.id));
  return `${String(row.name)} is in ${stage?.name ?? "a stage"}, which is not open yet: ${stage?.waitingReason ?? "a release manager promotes it first."}`;
}
