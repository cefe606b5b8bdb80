import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { conflict, type DomainError } from "@/lib/domain/errors";

/**
 * The `conflict` a stale edit gets: who changed the thing last and when (from the audit log,
 * written in the same transaction as every change), so the loser knows what happened.
 */
export async function staleConflict(
  tx: DbOrTx,
  options: { entityType: "release" | "step_template"; entityId: number; what: string },
): Promise<DomainError> {
  const [last] = rowsOf<{ actor_name: string; created_at: Date | string }>(
    await tx.execute(sql`
      select actor_name, created_at from audit_log
      where entity_type = ${options.entityType} and entity_id = ${String(options.entityId)}
      order by id desc limit 1
    `),
  );
  const who = last ? `by ${last.actor_name} at ${clock(last.created_at)}` : "by someone else";
  return conflict(`${options.what} was changed ${who} — reload to see the latest version. Nothing was saved.`);
}

/** "14:05" in the server's time zone. */
export function clock(value: Date | string): string {
  return new Date(value).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}
