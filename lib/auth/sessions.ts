import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import type { Actor } from "./roles";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Opens a server-side session; the cookie's token only carries this id. */
export async function openSession(userId: number): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const db = getDb();
  await db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
  return id;
}

export async function revokeSession(id: string): Promise<void> {
  await getDb().update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, id));
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
