import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { DomainError } from "@/lib/domain/errors";
import { staleEdit } from "@/lib/domain/shared/conflict";

/**
 * The `conflict` a stale release or template edit gets: who changed it last and when, read from
 * the audit log (written in the same transaction as every change).
 */
export async function staleConflict(
  tx: DbOrTx,
  options: { entityType: "release" | "step_template"; entityId: number; what: string },
): Promise<DomainError> {
  const [last] = await tx
    .select({ by: auditLog.actorName, at: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, options.entityType), eq(auditLog.entityId, String(options.entityId))))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return staleEdit({ subject: options.what, by: last?.by, at: last?.at });
}
