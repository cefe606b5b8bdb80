import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { WebhookFormat } from "@/lib/domain/webhooks/model/events";
import type { ClaimedDelivery } from "@/lib/domain/webhooks/types";

/** Attempts before a delivery gives up (about 9 hours of retries with the backoff below). */
export const MAX_ATTEMPTS = 8;
/** Seconds to wait before attempt n+1: 10 s, 20 s, 40 s … at most an hour, with ±20 % jitter. */
export const backoffSeconds = (attempts: number, jitter = Math.random()) => Math.round(Math.min(3600, 10 * 2 ** (attempts - 1)) * (0.8 + 0.4 * jitter));

/**
 * Claims up to `limit` due deliveries for this worker: one statement that picks pending rows whose
 * time has come and that no live lease holds, skipping rows another worker is claiming at this
 * moment (FOR UPDATE SKIP LOCKED), and leases them for `leaseSeconds`. Two workers on one
 * Postgres never get the same row; a worker that dies lets its lease run out and the row is
 * claimed again.
 */
export async function claimDue(limit = 10, leaseSeconds = 60, db: DbOrTx = getDb()): Promise<ClaimedDelivery[]> {
  const result = await db.execute(sql`
    with due as (
      select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= now() and (d.claimed_until is null or d.claimed_until < now()) and e.is_active
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update of d skip locked
    )
    update webhook_deliveries d set claimed_until = now() + make_interval(secs => ${leaseSeconds}), attempts = d.attempts + 1
    from due, webhook_endpoints e
    where d.id = due.id and e.id = d.endpoint_id
    returning d.id, d.endpoint_id, e.url, e.secret_box, e.format, d.event, d.payload, d.attempts`);
  return (executedRows(result) as Array<Record<string, unknown>>).map((r) => ({
    id: Number(r.id),
    endpointId: Number(r.endpoint_id),
    url: String(r.url),
    secretBox: String(r.secret_box),
    format: r.format as WebhookFormat,
    event: String(r.event),
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    attempts: Number(r.attempts),
  }));
}

/** Records an attempt's outcome: delivered, retried later (backoff), or given up. */
export async function recordAttempt(
  delivery: Pick<ClaimedDelivery, "id" | "attempts">,
  outcome: { ok: boolean; statusCode: number | null; error: string | null },
  db: DbOrTx = getDb(),
): Promise<"delivered" | "retry" | "failed"> {
  const next = outcome.ok ? "delivered" : delivery.attempts >= MAX_ATTEMPTS ? "failed" : "retry";
  const error = outcome.error?.slice(0, 500) ?? null;
  await db.execute(sql`
    update webhook_deliveries set
      status = ${next === "retry" ? "pending" : next},
      delivered_at = ${outcome.ok ? sql`now()` : sql`null`},
      next_attempt_at = ${next === "retry" ? sql`now() + make_interval(secs => ${backoffSeconds(delivery.attempts)})` : sql`next_attempt_at`},
      claimed_until = null, last_status_code = ${outcome.statusCode}, last_error = ${error}
    where id = ${delivery.id}`);
  return next;
}
