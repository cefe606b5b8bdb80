import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { writeAuthAudit } from "./audit";

export type SsoOutcome = { ok: true; userId: number; created: boolean } | { ok: false; reason: "no_email" | "unverified" | "disabled" };

/**
 * Matches a single-sign-on identity to an account by email. An unknown email gets a new account
 * with the viewer role (an admin promotes it); a disabled account is refused.
 */
export async function resolveSsoUser(
  db: Db,
  identity: { email?: string | null; name?: string | null; emailVerified: boolean },
): Promise<SsoOutcome> {
  const email = identity.email?.trim().toLowerCase();
  if (!email) return { ok: false, reason: "no_email" };
  if (!identity.emailVerified) return { ok: false, reason: "unverified" };
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, isActive: users.isActive, isServiceAccount: users.isServiceAccount })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email))
      .limit(1);
    // A service account acts only through API tokens: no person signs in as it.
    if (existing) return existing.isActive && !existing.isServiceAccount ? { ok: true, userId: existing.id, created: false } : { ok: false, reason: "disabled" };
    const name = identity.name?.trim() || email.split("@")[0];
    const [created] = await tx
      .insert(users)
      .values({ email, name, role: "viewer", passwordHash: null })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) {
      // Another sign-in created it a moment ago.
      const [row] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
      return { ok: true, userId: row.id, created: false };
    }
    await writeAuthAudit(tx, {
      actorId: created.id,
      actorName: name,
      action: "user.create",
      entityType: "user",
      entityId: created.id,
      summary: `Account ${email} created on first single sign-on, as Viewer`,
      after: { email, name, role: "viewer" },
    });
    return { ok: true, userId: created.id, created: true };
  });
}
