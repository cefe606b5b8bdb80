import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { stepCategoryEnum, stepOriginEnum, stepStatusEnum, stepTypeEnum } from "./enums";
import { releases } from "./releases";
import { users } from "./users";
import type { RunState, StepExecution } from "./vocabulary";

export const stepTemplates = pgTable(
  "step_templates",
  {
    id: serial("id").primaryKey(),
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    category: stepCategoryEnum("category").notNull(),
    type: stepTypeEnum("type").notNull(),
    content: text("content").notNull().default(""),
    description: text("description").notNull().default(""),
    /** BR-S04/BR-S05: integer order 0, 1, 2… within (release, category). */
    orderIndex: integer("order_index").notNull(),
    version: integer("version").notNull().default(1),
    /** Four eyes: no customer's copy is marked done before someone other than its author reviewed it. */
    needsReview: boolean("needs_review").notNull().default(false),
    /** Who last changed the name or content: the one person who may not review its copies. */
    contentById: integer("content_by_id").references(() => users.id, { onDelete: "set null" }),
    /** manual, agent or manifest (vocabulary.ts): part of the content. */
    execution: text("execution").$type<StepExecution>().notNull().default("manual"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Deleted after activation: kept so done/skipped/overridden copies still point at it. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("step_templates_release_idx").on(t.releaseId, t.category, t.orderIndex),
    check("step_templates_execution", sql`${t.execution} in ('manual', 'agent', 'manifest')`),
    check("step_templates_manifest_is_yaml", sql`${t.execution} <> 'manifest' or ${t.type} = 'yaml'`),
    check("step_templates_text_is_manual", sql`${t.type} <> 'text' or ${t.execution} = 'manual'`),
  ],
);

export const customerSteps = pgTable(
  "customer_steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    /** Null for custom steps; kept for overridden ones (BR-S02). */
    templateId: integer("template_id").references(() => stepTemplates.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    category: stepCategoryEnum("category").notNull(),
    type: stepTypeEnum("type").notNull(),
    content: text("content").notNull().default(""),
    description: text("description").notNull().default(""),
    /** BR-S05: template copies carry the template's integer; custom steps slot in with decimals. */
    orderIndex: doublePrecision("order_index").notNull(),
    status: stepStatusEnum("status").notNull().default("pending"),
    executedAt: timestamp("executed_at", { withTimezone: true }),
    executedById: integer("executed_by_id").references(() => users.id, { onDelete: "set null" }),
    skipReason: text("skip_reason"),
    notes: text("notes").notNull().default(""),
    isCustom: boolean("is_custom").notNull().default(false),
    isOverridden: boolean("is_overridden").notNull().default(false),
    origin: stepOriginEnum("origin").notNull(),
    /** Optimistic concurrency: every update says WHERE version = $seen and bumps it. */
    version: integer("version").notNull().default(1),
    updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Custom step removed, or template step deleted while this copy was untouched. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    /**
     * Overridden copies: the template's content when the override was made (or last kept). The
     * template's content differing from it now is drift: "template changed since override".
     */
    overrideBase: text("override_base"),
    /** Overridden and custom steps: who last set this copy's own content (plain copies: the template's author). */
    contentById: integer("content_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Four eyes: who reviewed this customer's content, cleared by any change of the content. */
    reviewedById: integer("reviewed_by_id").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    /**
     * Four eyes for a custom step (its own flag; a template copy follows its template's). Lifted
     * only by someone other than the author of the content, never in the edit that changes it.
     */
    needsReview: boolean("needs_review").notNull().default(false),
    /** manual or agent: a copy follows its template's (an override keeps it); a custom step has its own. */
    execution: text("execution").$type<StepExecution>().notNull().default("manual"),
    /** queued, running, failed, unknown (vocabulary.ts, runStates), or null: no agent has it. */
    runState: text("run_state").$type<RunState>(),
  },
  (t) => [
    // Activation is idempotent: one copy of a template step per customer.
    uniqueIndex("customer_steps_template_unique").on(t.releaseId, t.customerId, t.templateId),
    index("customer_steps_release_customer_idx").on(t.releaseId, t.customerId, t.category, t.orderIndex),
    index("customer_steps_template_idx").on(t.templateId),
    index("customer_steps_customer_idx").on(t.customerId),
    // The dashboard's recent activity reads the newest custom steps.
    index("customer_steps_custom_recent_idx").on(t.createdAt, t.id).where(sql`${t.origin} = 'custom'`),
    // Covers every column the progress aggregates, the matrix overview and the matrix cells read,
    // so they are index-only scans of one release's entries: their cost follows that release, not
    // the whole table (npm run bench:overview: with only a status index, Postgres read the whole
    // table once other releases made this one a tenth of it). Drizzle has no INCLUDE, hence keys.
    index("customer_steps_matrix_idx")
      .on(t.releaseId, t.category, t.customerId, t.status, t.isOverridden, t.isCustom, t.templateId, t.orderIndex, t.type, t.version, t.id, t.name, t.runState)
      .where(sql`${t.removedAt} is null`),
    check("customer_steps_custom_has_no_template", sql`${t.isCustom} = (${t.templateId} is null)`),
    check("customer_steps_custom_not_overridden", sql`not (${t.isCustom} and ${t.isOverridden})`),
    check("customer_steps_own_review_is_custom", sql`${t.isCustom} or not ${t.needsReview}`),
    check("customer_steps_execution", sql`${t.execution} in ('manual', 'agent', 'manifest')`),
    check("customer_steps_manifest_is_yaml", sql`${t.execution} <> 'manifest' or ${t.type} = 'yaml'`),
    check("customer_steps_text_is_manual", sql`${t.type} <> 'text' or ${t.execution} = 'manual'`),
    check("customer_steps_run_state", sql`${t.runState} is null or ${t.runState} in ('queued', 'running', 'failed', 'unknown')`),
    // Only open steps are in an agent's hands: done and skipped steps have no run state.
    check("customer_steps_run_state_open", sql`${t.runState} is null or ${t.status} in ('pending', 'reverted')`),
    check(
      "customer_steps_skip_needs_reason",
      sql`${t.status} <> 'skipped' or length(btrim(coalesce(${t.skipReason}, ''))) > 0`,
    ),
  ],
);
