import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { executedRows } from "@/db/typed-rows";
import { seal } from "@/lib/auth/secret-box";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidField, invalidState, notFound } from "@/lib/domain/errors";
import { maskUrl } from "@/lib/domain/webhooks/model/masked-url";
import { resolvedRefusal } from "@/lib/domain/webhooks/address-check";
import type { CreateEndpointInput } from "@/lib/domain/webhooks/input";
import type { CreatedEndpoint } from "@/lib/domain/webhooks/types";

type Options = { db?: Db };

/**
 * Registers an endpoint with a new signing secret, answered this once. The secret and the full URL
 * are kept sealed (an incoming-webhook URL is a secret too); lists and the audit log get the origin
 * and a masked path. A name that resolves to an address webhooks may not reach is refused now, in
 * words (and again at every send, where it counts). Audited.
 */
export async function createEndpoint(actor: Actor, input: CreateEndpointInput, { db = getDb() }: Options = {}): Promise<CreatedEndpoint> {
  const refused = await resolvedRefusal(input.url);
  if (refused) throw invalidField("url", refused);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const shown = maskUrl(input.url);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ name: input.name, url: shown, urlBox: seal(input.url), secretBox: seal(secret), events: input.events, format: input.format, createdById: actor.id })
      .returning({ id: webhookEndpoints.id });
    await recordAudit(tx, actor, {
      action: "webhook.create",
      entityType: "webhook",
      entityId: row.id,
      summary: `Added webhook "${input.name}" → ${shown} (${input.events.join(", ")})`,
      after: { name: input.name, url: shown, events: input.events, format: input.format },
    });
    return { id: row.id, name: input.name, secret };
  });
}

/**
 * Enables or disables an endpoint. Enabling clears a run of failures (and the reason Runsheet gave
 * for disabling it) and sends what is still due at once: the pending deliveries kept while it was
 * off. Audited.
 */
export async function setEndpointActive(actor: Actor, input: { endpointId: number; active: boolean }, { db = getDb() }: Options = {}): Promise<{ id: number; due: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set(input.active ? { isActive: true, disabledReason: null, consecutiveFailures: 0, failingSince: null } : { isActive: false })
      .where(eq(webhookEndpoints.id, input.endpointId))
      .returning({ id: webhookEndpoints.id, name: webhookEndpoints.name });
    if (!row) throw notFound("That webhook");
    let due = 0;
    if (input.active) {
      due = executedRows(
        await tx.execute(sql`
          update webhook_deliveries set next_attempt_at = now() where endpoint_id = ${row.id} and status = 'pending' returning 1 as due`),
      ).length;
      if (due) await tx.execute(sql`select pg_notify('runsheet_outbox', '')`);
    }
    await recordAudit(tx, actor, {
      action: input.active ? "webhook.enable" : "webhook.disable",
      entityType: "webhook",
      entityId: row.id,
      summary: `${input.active ? "Enabled" : "Disabled"} webhook "${row.name}"${due ? ` (${due} pending deliveries sent again)` : ""}`,
    });
    return { id: row.id, due };
  });
}

/**
 * Rows written before URLs were sealed hold the full URL in the shown column: seal it and mask
 * what is shown. Run at start-up by every process; a row is changed once (url_box is null).
 */
export async function sealLegacyUrls({ db = getDb() }: Options = {}): Promise<number> {
  const legacy = await db.select({ id: webhookEndpoints.id, url: webhookEndpoints.url }).from(webhookEndpoints).where(isNull(webhookEndpoints.urlBox));
  for (const e of legacy) {
    await db.update(webhookEndpoints).set({ urlBox: seal(e.url), url: maskUrl(e.url) }).where(and(eq(webhookEndpoints.id, e.id), isNull(webhookEndpoints.urlBox)));
  }
  return legacy.length;
}

/** Sends a delivery again, as a new entry in the log that names the one it repeats. Audited. */
export async function redeliver(actor: Actor, input: { deliveryId: number }, { db = getDb() }: Options = {}): Promise<{ id: number; endpointId: number }> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      insert into webhook_deliveries (endpoint_id, event, payload, redelivery_of)
      select endpoint_id, event, payload, id from webhook_deliveries where id = ${input.deliveryId}
      returning id, endpoint_id`);
    const [row] = executedRows(result) as Array<{ id: number; endpoint_id: number }>;
    if (!row) throw notFound("That delivery");
    await tx.execute(sql`select pg_notify('runsheet_outbox', '')`);
    await recordAudit(tx, actor, { action: "webhook.redeliver", entityType: "webhook", entityId: row.endpoint_id, summary: `Redelivered delivery ${input.deliveryId}` });
    return { id: Number(row.id), endpointId: row.endpoint_id };
  });
}

/** A "ping" to check the receiver, through the same outbox and worker as real events. */
export async function sendTestEvent(actor: Actor, input: { endpointId: number }, { db = getDb() }: Options = {}): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [endpoint] = await tx.select({ isActive: webhookEndpoints.isActive }).from(webhookEndpoints).where(eq(webhookEndpoints.id, input.endpointId));
    if (!endpoint) throw notFound("That webhook");
    // A disabled endpoint is not delivered to: its test would wait for ever.
    if (!endpoint.isActive) throw invalidState("This webhook is disabled. Enable it to send a test event.");
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({ endpointId: input.endpointId, event: "ping", payload: { event: "ping", at: new Date().toISOString(), by: actor.name } })
      .returning({ id: webhookDeliveries.id });
    await tx.execute(sql`select pg_notify('runsheet_outbox', '')`);
    return { id: row.id };
  });
}
