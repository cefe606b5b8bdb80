import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { writeAuthAudit } from "./audit";
import type { Actor } from "./roles";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Opens a server-side session (the cookie's token only carries this id), audited as a sign-in. */
export async function openSession(userId: number, options: { method?: "password" | "sso" } = {}): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await getDb().transaction(async (tx) => {
    await tx.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
    const [user] = await tx
      .update(users)
      .set({ lastSignInAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ name: users.name });
    await writeAuthAudit(tx, {
      actorId: userId,
      actorName: user?.name ?? "unknown",
      action: "session.sign_in",
      entityType: "session",
      entityId: userId,
      summary: `Signed in${options.method === "sso" ? " with single sign-on" : ""}`,
    });
  });
  return id;
}

/** Ends a session (sign-out), audited once: a second sign-out of the same session writes nothing. */
export async function revokeSession(id: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
      .returning({ userId: sessions.userId });
    if (!row) return;
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.userId));
    await writeAuthAudit(tx, {
      actorId: row.userId,
      actorName: user?.name ?? "unknown",
      action: "session.sign_out",
      entityType: "session",
      entityId: row.userId,
      summary: "Signed out",
    });
  });
}

/** The actor behind a session id, read from the database on every call: disabling a user or
 *  signing out takes effect on the next request. */
export async function actorForSession(id: string): Promise<Actor | null> {
  const [row] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date()), eq(users.isActive, true)))
    .limit(1);
  return row ?? null;
}
