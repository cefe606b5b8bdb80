import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { unseal } from "@/lib/auth/secret-box";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import type { WebhookFormat } from "@/lib/domain/webhooks/model/events";
import type { ClaimedDelivery } from "@/lib/domain/webhooks/types";
import { disableAfterFailures, FAILING_FOR_MINUTES } from "@/lib/domain/webhooks/model/disable-policy";

/** Attempts before a delivery gives up (about 20 minutes of retries with the backoff below). */
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
    returning d.id, d.endpoint_id, e.url, e.url_box, e.secret_box, e.format, d.event, d.payload, d.attempts`);
  return (executedRows(result) as Array<Record<string, unknown>>).map((r) => ({
    id: Number(r.id),
    endpointId: Number(r.endpoint_id),
    // The full URL is read back only here, to send; a row from before sealing still holds it plain.
    url: r.url_box === null ? String(r.url) : unseal(String(r.url_box)),
    secretBox: String(r.secret_box),
    format: r.format as WebhookFormat,
    event: String(r.event),
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    attempts: Number(r.attempts),
  }));
}

/**
 * Records an attempt's outcome: delivered, retried later (backoff), or given up — and keeps the
 * endpoint's run of failures, disabling it (once, audited, with the reason an admin reads on the
 * webhooks page) when the run reaches the limit.
 */
export async function recordAttempt(
  delivery: Pick<ClaimedDelivery, "id" | "attempts" | "endpointId">,
  outcome: { ok: boolean; statusCode: number | null; error: string | null },
  db = getDb(),
): Promise<"delivered" | "retry" | "failed"> {
  const next = outcome.ok ? "delivered" : delivery.attempts >= MAX_ATTEMPTS ? "failed" : "retry";
  const error = outcome.error?.slice(0, 500) ?? null;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update webhook_deliveries set
        status = ${next === "retry" ? "pending" : next},
        delivered_at = ${outcome.ok ? sql`now()` : sql`null`},
        next_attempt_at = ${next === "retry" ? sql`now() + make_interval(secs => ${backoffSeconds(delivery.attempts)})` : sql`next_attempt_at`},
        claimed_until = null, last_status_code = ${outcome.statusCode}, last_error = ${error}
      where id = ${delivery.id}`);
    if (outcome.ok) {
      await tx.execute(sql`update webhook_endpoints set consecutive_failures = 0, failing_since = null where id = ${delivery.endpointId} and consecutive_failures > 0`);
      return;
    }
    await tx.execute(sql`
      update webhook_endpoints set consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, now())
      where id = ${delivery.endpointId}`);
    const limit = disableAfterFailures();
    if (limit <= 0) return;
    const last = outcome.statusCode ? `HTTP ${outcome.statusCode}` : (error ?? "no answer");
    const [disabled] = executedRows(
      await tx.execute(sql`
        update webhook_endpoints set is_active = false,
          disabled_reason = 'Disabled by Runsheet after ' || consecutive_failures || ' failed attempts in a row since '
            || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') || ' (last: ' || ${last.slice(0, 200)} || '). Enable it again once the receiver is fixed: what is still due is sent then.'
        where id = ${delivery.endpointId} and is_active and consecutive_failures >= ${limit}
          and failing_since <= now() - make_interval(mins => ${FAILING_FOR_MINUTES})
        returning id, name, disabled_reason`),
    );
    if (disabled) {
      await recordAudit(tx, null, {
        action: "webhook.auto_disable",
        entityType: "webhook",
        entityId: Number(disabled.id),
        summary: `Disabled webhook "${String(disabled.name)}": ${String(disabled.disabled_reason)}`,
      });
    }
  });
  return next;
}

/**
 * Retention (WEBHOOK_RETENTION_DAYS, default 30): delivered and given-up entries older than that
 * leave the log; pending ones always stay. Safe from every process at once (a plain DELETE).
 */
export async function pruneDeliveries(days = Number(process.env.WEBHOOK_RETENTION_DAYS ?? 30), db: DbOrTx = getDb()): Promise<number> {
  if (!(days > 0)) return 0;
  const rows = executedRows(
    await db.execute(sql`
      delete from webhook_deliveries where status in ('delivered', 'failed') and created_at < now() - make_interval(days => ${days})
      returning 1 as gone`),
  );
  return rows.length;
}
