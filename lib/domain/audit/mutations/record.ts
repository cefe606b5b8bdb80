import "server-only";
import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";

export type AuditEntry = {
  action: string;
  entityType: "cluster" | "customer" | "release" | "step_template" | "customer_step" | "user" | "session" | "track" | "approver_group" | "api_token" | "webhook" | "fleet" | "manifest_repository" | "manifest_publish";
  entityId: string | number;
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/** Appends one audit row inside the caller's transaction, so it commits with the change. */
export async function recordAudit(tx: DbOrTx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? "system",
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    summary: entry.summary,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
