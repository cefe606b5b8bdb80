import { and, eq, gt, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signInAttempts } from "@/db/schema";

/** Five failures a minute per account or per address; the sixth attempt is refused. */
export const THROTTLE_WINDOW_MS = 60_000;
export const THROTTLE_MAX_FAILURES = 5;
export const THROTTLED_MESSAGE = "Too many sign-in attempts. Try again in a minute.";

export class SignInThrottledError extends Error {
  constructor() {
    super(THROTTLED_MESSAGE);
    this.name = "SignInThrottledError";
  }
}

type Who = { email: string; address: string; now?: Date };

/**
 * True when the account or the address has used up its failures in the last minute. Refused
 * attempts are recorded as failures too, so the window slides while someone keeps guessing.
 */
export async function isThrottled(db: DbOrTx, { email, address, now = new Date() }: Who): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [row] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${signInAttempts.email} = ${email})::int`,
      byAddress: sql<number>`count(*) filter (where ${signInAttempts.address} = ${address})::int`,
    })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.attemptedAt, since),
        or(eq(signInAttempts.email, email), eq(signInAttempts.address, address)),
      ),
    );
  return (row?.byEmail ?? 0) >= THROTTLE_MAX_FAILURES || (row?.byAddress ?? 0) >= THROTTLE_MAX_FAILURES;
}

export async function recordAttempt(db: DbOrTx, { email, address, now = new Date(), succeeded }: Who & { succeeded: boolean }): Promise<void> {
  await db.insert(signInAttempts).values({ email, address, succeeded, attemptedAt: now });
  // The table only needs the last minute; trim it now and then rather than on every attempt.
  if (Math.random() < 0.02) {
    await db.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
  }
}

/**
 * The client's address for throttling: the last X-Forwarded-For hop, which is the one the
 * nearest proxy saw (Next fills the header from the socket only when it is absent). Without a
 * reverse proxy a client can choose this value, so the per-account limit is the one that always
 * holds; run behind a proxy that appends X-Forwarded-For for the per-address limit to hold too.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers?.["x-forwarded-for"] ?? headers?.["x-real-ip"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const hops = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return (hops.at(-1) ?? "unknown").slice(0, 100);
}
