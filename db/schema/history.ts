import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { stepEventKindEnum } from "./enums";
import { releases } from "./releases";
import { customerSteps } from "./steps";
import { users } from "./users";

/**
 * Append-only history of customer steps (spec 5.7); a trigger refuses UPDATE and DELETE.
 * A step's creation is not an event row: it is derived from the step's origin and created_at,
 * so activating 25,000 steps writes 25,000 rows, not 50,000.
 */
export const stepEvents = pgTable(
  "step_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    customerStepId: bigint("customer_step_id", { mode: "number" })
      .notNull()
      .references(() => customerSteps.id, { onDelete: "restrict" }),
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    kind: stepEventKindEnum("kind").notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Notes, skip reason, previous content: whatever the entry needs to be read later. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("step_events_step_idx").on(t.customerStepId, t.createdAt),
    index("step_events_created_idx").on(t.createdAt),
    index("step_events_release_idx").on(t.releaseId),
  ],
);

/** Append-only record of every mutation (who, what, when); a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Copied so the entry still reads right if the user is renamed. */
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    summary: text("summary").notNull().default(""),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
  ],
);
