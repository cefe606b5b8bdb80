import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { writeAuthAudit } from "./audit";
import type { Actor } from "./roles";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** How stale `last_seen_at` may get before a request refreshes it (a write per request otherwise). */
const LAST_SEEN_GRANULARITY = sql`interval '5 minutes'`;

/** Opens a server-side session (the cookie's token only carries this id), audited as a sign-in. */
export async function openSession(userId: number, options: { method?: "password" | "sso"; userAgent?: string } = {}): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await getDb().transaction(async (tx) => {
    await tx.insert(sessions).values({
      id,
      userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      userAgent: (options.userAgent ?? "").slice(0, 400),
    });
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

/**
 * Ends every open session of a user except `keep` (the caller's own, when they change their own
 * password), inside the caller's transaction. Returns how many were ended.
 */
export async function revokeUserSessions(tx: DbOrTx, userId: number, options: { keep?: string } = {}): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), options.keep ? ne(sessions.id, options.keep) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

/**
 * The actor behind a session id, read from the database on every call: disabling a user or
 * signing out takes effect on the next request. One round trip: the same statement refreshes
 * `last_seen_at` when it is more than a few minutes old (a data-modifying CTE runs even though
 * the select does not read it).
 */
export async function actorForSession(id: string): Promise<Actor | null> {
  const db = getDb();
  const touch = db.$with("touch").as(
    db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, sql`now() - ${LAST_SEEN_GRANULARITY}`)))
      .returning({ id: sessions.id }),
  );
  const [row] = await db
    .with(touch)
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`), eq(users.isActive, true)))
    .limit(1);
  return row ? { ...row, sessionId: id } : null;
}

/** A session as the Account page shows it; `key` names it without revealing the id. */
export type SessionInfo = { key: string; userAgent: string; createdAt: Date; lastSeenAt: Date; current: boolean };

export const sessionKey = (id: string) => createHash("sha256").update(id).digest("base64url").slice(0, 16);

/** The user's open sessions, most recently seen first. */
export async function listOpenSessions(userId: number, currentId?: string): Promise<SessionInfo[]> {
  const rows = await getDb()
    .select({ id: sessions.id, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(50);
  return rows.map(({ id, ...r }) => ({ ...r, key: sessionKey(id), current: id === currentId }));
}

/** Ends one of the user's own sessions, named by its key (never another user's). */
export async function revokeSessionByKey(userId: number, key: string): Promise<boolean> {
  const open = await getDb()
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  const match = open.find((s) => sessionKey(s.id) === key);
  if (!match) return false;
  await revokeSession(match.id);
  return true;
}
