import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "./password";
import { recordAttempt, SignInThrottledError, throttleState } from "./throttle";

let dummyHash: Promise<string> | undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks an email and password. Returns the user's id and name, null when they do not match an
 * active account, or throws SignInThrottledError when the client's address has failed too often in
 * the last minute. An account with many recent failures is slowed down, never locked (throttle.ts).
 */
export async function authenticateWithPassword(
  db: Db,
  input: { email: string; password: string; address: string; now?: Date; wait?: (ms: number) => Promise<void> },
): Promise<{ id: number; name: string; email: string } | null> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const who = { email, address: input.address, now: input.now };
  if (!email || !input.password) return null;
  const throttle = await throttleState(db, who);
  if (throttle.addressBlocked) {
    await recordAttempt(db, { ...who, succeeded: false });
    throw new SignInThrottledError();
  }
  if (throttle.accountDelayMs > 0) await (input.wait ?? sleep)(throttle.accountDelayMs);
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, isActive: users.isActive })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  // Compare against a throwaway hash when there is no usable account, so the time taken does not
  // tell a guesser which emails exist.
  const hash = user?.passwordHash ?? (await (dummyHash ??= hashPassword("no-such-account-placeholder")));
  const matches = await verifyPassword(input.password.slice(0, 1024), hash);
  const ok = Boolean(user?.passwordHash && user.isActive && matches);
  await recordAttempt(db, { ...who, succeeded: ok });
  return ok && user ? { id: user.id, name: user.name, email: user.email } : null;
}
