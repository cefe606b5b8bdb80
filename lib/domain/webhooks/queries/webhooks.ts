import "server-only";
import { desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { executedRows } from "@/db/typed-rows";
import { slackText, type WebhookEvent, type WebhookFormat } from "@/lib/domain/webhooks/model/events";
import type { DeliveryRow, DeliveryStatus, EndpointRow } from "@/lib/domain/webhooks/types";

/**
 * Endpoints with their latest delivery and how many have given up, in one statement (a lateral
 * read of each endpoint's newest delivery on the (endpoint_id, id) index).
 */
async function endpoints(where: SQL = sql`true`): Promise<EndpointRow[]> {
  const result = await getDb().execute(sql`
    select e.id, e.name, e.url, e.events, e.format, e.is_active, e.disabled_reason, e.consecutive_failures, e.created_at,
           last.status as last_status, last.created_at as last_at, last.last_status_code as last_code,
           (select count(*)::int from webhook_deliveries f where f.endpoint_id = e.id and f.status = 'failed') as failing
    from webhook_endpoints e
    left join lateral (select d.status, d.created_at, d.last_status_code from webhook_deliveries d where d.endpoint_id = e.id order by d.id desc limit 1) last on true
    where ${where}
    order by e.is_active desc, e.name, e.id`);
  return (executedRows(result) as Array<Record<string, unknown>>).map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    url: String(r.url),
    events: r.events as WebhookEvent[],
    format: r.format as WebhookFormat,
    isActive: Boolean(r.is_active),
    disabledReason: (r.disabled_reason as string | null) ?? null,
    consecutiveFailures: Number(r.consecutive_failures),
    createdAt: new Date(r.created_at as string),
    last: r.last_status ? { status: r.last_status as DeliveryStatus, at: new Date(r.last_at as string), code: (r.last_code as number | null) ?? null } : null,
    failing: Number(r.failing),
  }));
}

/** Every endpoint, active ones first. */
export const listEndpoints = () => endpoints();

export async function getEndpoint(endpointId: number): Promise<EndpointRow | null> {
  const [endpoint] = await endpoints(sql`e.id = ${endpointId}`);
  return endpoint ?? null;
}

/** An endpoint's delivery log, newest first (the last 100). */
export async function listDeliveries(endpointId: number): Promise<DeliveryRow[]> {
  const rows = await getDb()
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(100);
  return rows.map((d) => ({
    id: d.id,
    event: d.event,
    status: d.status as DeliveryStatus,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
    nextAttemptAt: d.nextAttemptAt,
    redeliveryOf: d.redeliveryOf,
    summary: slackText(d.payload as Parameters<typeof slackText>[0], { plain: true }),
  }));
}
