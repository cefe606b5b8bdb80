import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Role } from "@/db/schema/vocabulary";
import { hasRole, type Actor } from "./roles";

/**
 * API tokens (README, "API"): `rs_` and 32 random bytes in base64url. Only the SHA-256 of a token
 * is stored; the token is shown once when it is created.
 */
export const TOKEN_PREFIX = "rs_";

export function newToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The bearer token of an `Authorization` header, if it looks like one of ours. */
export function bearerOf(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m && m[1].startsWith(TOKEN_PREFIX) && m[1].length < 200 ? m[1] : null;
}

export const rateLimitPerMinute = () => Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 600);

export type TokenCheck =
  | { ok: true; actor: Actor; tokenId: number }
  | { ok: false; reason: "unknown" | "revoked" | "expired" | "disabled" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** The less powerful of two roles (roles are ordered: hasRole). */
const lesser = (a: Role, b: Role): Role => (hasRole(a, b) ? b : a);

/**
 * Who a token acts as, in one round trip: the UPDATE finds the token by its hash, records "last
 * used" and counts the request in the current one-minute window (a new window starts the count
 * again), and returns the token's state with its user. The count lives in the database, so every
 * app process on one Postgres shares it. A refused token (revoked, expired, user disabled) is not
 * counted or touched.
 */
export async function actorForToken(token: string, db: DbOrTx = getDb()): Promise<TokenCheck> {
  const limit = rateLimitPerMinute();
  const result = await db.execute(sql`
    with hit as (
      select t.id from api_tokens t join users u on u.id = t.user_id
      where t.token_hash = ${hashToken(token)} and t.revoked_at is null
        and (t.expires_at is null or t.expires_at > now()) and u.is_active
    ), counted as (
      update api_tokens t
      set last_used_at = now(),
          window_started_at = case when t.window_started_at <= now() - interval '1 minute' then now() else t.window_started_at end,
          window_count = case when t.window_started_at <= now() - interval '1 minute' then 1 else t.window_count + 1 end
      from hit where t.id = hit.id
      returning t.id, t.window_count, t.window_started_at
    )
    select t.id, t.role, t.revoked_at is not null as revoked, t.expires_at is not null and t.expires_at <= now() as expired,
           u.id as user_id, u.name, u.email, u.role as user_role, u.is_active,
           c.window_count, ceil(extract(epoch from (c.window_started_at + interval '1 minute' - now())))::int as retry_after
    from api_tokens t join users u on u.id = t.user_id left join counted c on c.id = t.id
    where t.token_hash = ${hashToken(token)}
  `);
  const [row] = executedRows(result) as Array<{
    id: number;
    role: Role;
    revoked: boolean;
    expired: boolean;
    user_id: number;
    name: string;
    email: string;
    user_role: Role;
    is_active: boolean;
    window_count: number | null;
    retry_after: number | null;
  }>;
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revoked) return { ok: false, reason: "revoked" };
  if (row.expired) return { ok: false, reason: "expired" };
  if (!row.is_active) return { ok: false, reason: "disabled" };
  if ((row.window_count ?? 0) > limit) return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, row.retry_after ?? 60) };
  return {
    ok: true,
    tokenId: row.id,
    actor: { id: row.user_id, name: row.name, email: row.email, role: lesser(row.role, row.user_role) },
  };
}
