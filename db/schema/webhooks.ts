import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Outgoing webhooks (README, "Webhooks"). An endpoint receives the events it subscribed to,
 * signed with its secret (kept encrypted with a key derived from AUTH_SECRET: it must be read
 * back to sign, so it cannot be a hash).
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    /**
     * The receiver's origin and a masked path, for lists and the audit log: Slack-style incoming
     * webhook URLs carry their secret in the path (issue 25). The full URL is only in `urlBox`.
     */
    url: text("url").notNull(),
    /** AES-256-GCM of the full URL, read back only to send (null on rows from before it: sealed at start-up). */
    urlBox: text("url_box"),
    /** AES-256-GCM of the signing secret (lib/auth/secret-box.ts). */
    secretBox: text("secret_box").notNull(),
    events: text("events").array().notNull(),
    /** "json" (the event as JSON) or "slack" (a Slack-compatible { text } message). */
    format: text("format").notNull().default("json"),
    isActive: boolean("is_active").notNull().default(true),
    /** Failed attempts in a row, and since when; a success resets both (delivery.ts disables at a limit). */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    failingSince: timestamp("failing_since", { withTimezone: true }),
    /** Set when Runsheet disabled the endpoint itself, in words; cleared when an admin enables it. */
    disabledReason: text("disabled_reason"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("webhook_endpoints_format", sql`${t.format} in ('json', 'slack')`), check("webhook_endpoints_name_not_blank", sql`length(trim(${t.name})) > 0`)],
);

/**
 * The outbox and the delivery log in one: a row is written by the database's triggers in the same
 * transaction as the change (drizzle/0012), then claimed by one server process at a time
 * (FOR UPDATE SKIP LOCKED and a lease), sent, and marked delivered — or retried with backoff
 * until it gives up.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** pending → delivered, or failed after the last attempt. */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** A redelivery names the delivery it repeats. */
    redeliveryOf: bigint("redelivery_of", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
    check("webhook_deliveries_status", sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);
