import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { WebhookEvent } from "@/lib/domain/webhooks/model/events";

/**
 * Writes an event to the outbox from a mutation, in its transaction (the database's triggers do
 * the same for step and release changes, drizzle/0012): one delivery per active endpoint that
 * subscribed to it, sent if and only if the change commits.
 */
export async function enqueueWebhook(tx: DbOrTx, event: WebhookEvent, payload: Record<string, unknown>): Promise<void> {
  await tx.execute(sql`
    with written as (
      insert into webhook_deliveries (endpoint_id, event, payload)
      select e.id, ${event}, ${JSON.stringify({ event, at: new Date().toISOString(), ...payload })}::jsonb
      from webhook_endpoints e where e.is_active and ${event} = any (e.events)
      returning 1
    )
    select case when exists (select 1 from written) then pg_notify('runsheet_outbox', '') end`);
}
