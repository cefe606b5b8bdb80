import { and, eq, gt, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signInAttempts } from "@/db/schema";

/**
 * Sign-in throttling that refuses the attacker, not the owner (README, "Security"):
 *
 * - Per client address: the 11th failure within a minute from one address is refused outright,
 *   whichever accounts it tries. That is where a guesser sits.
 * - Per account: never a hard block (anyone could lock the admin out by failing five times).
 *   After 5 failures in 15 minutes, each further attempt from an address that has not signed in
 *   to this account before waits first — 0.5 s, doubling, at most 8 s — and is then checked
 *   normally, so the right password still gets in. Addresses the account has signed in from in
 *   the last 30 days are not slowed at all.
 */
export const ADDRESS_WINDOW_MS = 60_000;
export const ADDRESS_MAX_FAILURES = 10;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_MAX_DELAY_MS = 8_000;
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;

export class SignInThrottledError extends Error {
  constructor() {
    super("throttled");
    this.name = "SignInThrottledError";
  }
}

type Who = { email: string; address: string; now?: Date };

export type ThrottleState = { addressBlocked: boolean; accountDelayMs: number };

/** The wait before the n-th account failure is checked (0 for the first five). */
export function accountDelayFor(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(500 * 2 ** (failures - ACCOUNT_FREE_FAILURES), ACCOUNT_MAX_DELAY_MS);
}

/** One read: failures from this address in the last minute, and for this account from unknown addresses. */
export async function throttleState(db: DbOrTx, { email, address, now = new Date() }: Who): Promise<ThrottleState> {
  // As text: inside raw SQL fragments the driver does not know the column type to encode a Date.
  const addressSince = new Date(now.getTime() - ADDRESS_WINDOW_MS).toISOString();
  const accountSince = new Date(now.getTime() - ACCOUNT_WINDOW_MS).toISOString();
  const knownSince = new Date(now.getTime() - KNOWN_ADDRESS_MS);
  const [row] = await db
    .select({
      byAddress: sql<number>`count(*) filter (where ${signInAttempts.address} = ${address} and not ${signInAttempts.succeeded} and ${signInAttempts.attemptedAt} > ${addressSince}::timestamptz)`.mapWith(Number),
      byAccount: sql<number>`count(*) filter (where ${signInAttempts.email} = ${email} and not ${signInAttempts.succeeded} and ${signInAttempts.attemptedAt} > ${accountSince}::timestamptz)`.mapWith(Number),
      known: sql<boolean>`bool_or(${signInAttempts.email} = ${email} and ${signInAttempts.address} = ${address} and ${signInAttempts.succeeded})`,
    })
    .from(signInAttempts)
    .where(
      and(
        gt(signInAttempts.attemptedAt, knownSince),
        or(eq(signInAttempts.email, email), eq(signInAttempts.address, address)),
      ),
    );
  const byAddress = row?.byAddress ?? 0;
  const byAccount = row?.byAccount ?? 0;
  return {
    addressBlocked: byAddress >= ADDRESS_MAX_FAILURES,
    accountDelayMs: row?.known ? 0 : accountDelayFor(byAccount),
  };
}

export async function recordAttempt(db: DbOrTx, { email, address, now = new Date(), succeeded }: Who & { succeeded: boolean }): Promise<void> {
  await db.insert(signInAttempts).values({ email, address, succeeded, attemptedAt: now });
  // Only the last 30 days matter (known addresses); trim now and then rather than on every attempt.
  if (Math.random() < 0.02) {
    await db.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, new Date(now.getTime() - KNOWN_ADDRESS_MS)));
  }
}

/**
 * The client's address for throttling: the last X-Forwarded-For hop, which is the one the
 * nearest proxy saw (Next fills the header from the socket only when it is absent). Without a
 * reverse proxy a client can choose this value, so the per-account slowdown is the one that always
 * holds; run behind a proxy that appends X-Forwarded-For for the per-address limit to hold too.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers?.["x-forwarded-for"] ?? headers?.["x-real-ip"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const hops = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return (hops.at(-1) ?? "unknown").slice(0, 100);
}
