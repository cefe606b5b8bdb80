import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { writeAuthAudit } from "./audit";
import { hashPassword } from "./password";

export const MIN_PASSWORD_LENGTH = 12;

/** Serialises "is this the first user?" across connections (setup page, env bootstrap). */
export const FIRST_ADMIN_LOCK = 7_301_001;

export class UsersExistError extends Error {
  constructor() {
    super("Setup is already complete: an account exists. Sign in instead.");
    this.name = "UsersExistError";
  }
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(users).limit(1);
  return Boolean(row);
}

/**
 * Creates the first admin, only while no user exists. The check and the insert share one
 * transaction under an advisory lock, so two concurrent first-run requests make one admin.
 * The password is hashed before the lock is taken (hashing is the slow part).
 */
export async function createFirstAdmin(db: Db, input: { name: string; email: string; password: string; via: "setup" | "environment" }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    const [existing] = await tx.select({ one: sql<number>`1` }).from(users).limit(1);
    if (existing) throw new UsersExistError();
    const [user] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email.trim().toLowerCase(), role: "admin", passwordHash })
      .returning({ id: users.id, name: users.name, email: users.email });
    await writeAuthAudit(tx, {
      actorId: input.via === "setup" ? user.id : null,
      actorName: input.via === "setup" ? user.name : "system",
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      summary: `First admin ${user.email} created ${input.via === "setup" ? "on the setup page" : "from ADMIN_EMAIL"}`,
      after: { email: user.email, name: user.name, role: "admin" },
    });
    return user;
  });
}

/**
 * Start-up bootstrap: with ADMIN_EMAIL and ADMIN_PASSWORD set and no user in the database,
 * creates that admin (name from ADMIN_NAME, default "Administrator"). Does nothing once any
 * user exists, so the variables can stay set. Returns what it did, for the start-up log.
 */
export async function ensureAdminFromEnv(db: Db, env: Record<string, string | undefined> = process.env): Promise<"created" | "skipped"> {
  const email = env.ADMIN_EMAIL?.trim();
  const password = env.ADMIN_PASSWORD ?? "";
  if (!email && !password) return "skipped";
  if (!email || !password) throw new Error("Set both ADMIN_EMAIL and ADMIN_PASSWORD (or neither).");
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error("ADMIN_EMAIL is not an email address.");
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (await hasAnyUser(db)) return "skipped";
  try {
    await createFirstAdmin(db, { name: env.ADMIN_NAME?.trim() || "Administrator", email, password, via: "environment" });
    return "created";
  } catch (error) {
    if (error instanceof UsersExistError) return "skipped";
    throw error;
  }
}
