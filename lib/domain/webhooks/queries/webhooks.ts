import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { slackText, type WebhookEvent, type WebhookFormat } from "@/lib/domain/webhooks/model/events";
import type { DeliveryRow, DeliveryStatus, EndpointRow } from "@/lib/domain/webhooks/types";

/** Every endpoint with its latest delivery and how many have given up. */
export async function listEndpoints(): Promise<EndpointRow[]> {
  const rows = await getDb()
    .select({
      id: webhookEndpoints.id,
      name: webhookEndpoints.name,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      format: webhookEndpoints.format,
      isActive: webhookEndpoints.isActive,
      createdAt: webhookEndpoints.createdAt,
      lastStatus: sql<DeliveryStatus | null>`(select d.status from webhook_deliveries d where d.endpoint_id = ${webhookEndpoints.id} order by d.id desc limit 1)`,
      lastAt: sql<string | null>`(select d.created_at from webhook_deliveries d where d.endpoint_id = ${webhookEndpoints.id} order by d.id desc limit 1)`,
      lastCode: sql<number | null>`(select d.last_status_code from webhook_deliveries d where d.endpoint_id = ${webhookEndpoints.id} order by d.id desc limit 1)`,
      failing: sql<number>`(select count(*)::int from webhook_deliveries d where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'failed')`,
    })
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.isActive), webhookEndpoints.name);
  return rows.map(({ lastStatus, lastAt, lastCode, ...r }) => ({
    ...r,
    events: r.events as WebhookEvent[],
    format: r.format as WebhookFormat,
    last: lastStatus && lastAt ? { status: lastStatus, at: new Date(lastAt), code: lastCode } : null,
  }));
}

export async function getEndpoint(endpointId: number): Promise<EndpointRow | null> {
  return (await listEndpoints()).find((e) => e.id === endpointId) ?? null;
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
