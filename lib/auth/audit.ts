import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";

/**
 * Audit rows written by lib/auth itself (sign-in, sign-out, first admin). lib/auth sits below the
 * domain and must not import it (HOUSE.md), so this is the auth layer's own two-line writer into
 * the same append-only table; domain mutations use lib/domain/audit/record.ts.
 */
export async function writeAuthAudit(
  db: DbOrTx,
  row: { actorId: number | null; actorName: string; action: string; entityType: "session" | "user"; entityId: string | number; summary: string; after?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values({ ...row, entityId: String(row.entityId), after: row.after ?? null });
}
