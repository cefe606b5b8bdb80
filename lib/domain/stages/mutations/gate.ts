import "server-only";
import type { DbOrTx } from "@/db/client";
import { invalidState } from "@/lib/domain/errors";
import { stageLockOf } from "@/lib/domain/stages/queries/stage-lock";

/**
 * Refuses a status change for a customer whose stage is not open yet, with the reason in words.
 * The statements enforce the same gate (stage-of.ts: stageOpen); this is the slow path that
 * explains a refusal, and the check of many-step changes.
 */
export async function assertStageOpen(db: DbOrTx, releaseId: number, customerId: number): Promise<void> {
  const lock = await stageLockOf(db, releaseId, customerId);
  if (lock) throw invalidState(lock);
}
