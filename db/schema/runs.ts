import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { clusters } from "./clusters";
import { customers } from "./customers";
import { releases } from "./releases";
import { customerSteps, stepTemplates } from "./steps";
import { users } from "./users";
import type { RunItemState, RunStatus } from "./vocabulary";

/**
 * Agent tokens (README, "Agents"): one cluster each. The token is shown once; only its SHA-256 is
 * kept. An agent holding it sees and claims only that cluster's work.
 */
export const agentTokens = pgTable(
  "agent_tokens",
  {
    id: serial("id").primaryKey(),
    clusterId: integer("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** "rsa_ab12cd": tells tokens apart on the cluster page. */
    prefix: text("prefix").notNull(),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedById: integer("revoked_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("agent_tokens_hash_unique").on(t.tokenHash),
    index("agent_tokens_cluster_idx").on(t.clusterId),
    check("agent_tokens_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

/** Each agent process that has called in with a token (several per cluster, for availability). */
export const agents = pgTable(
  "agents",
  {
    id: serial("id").primaryKey(),
    tokenId: integer("token_id")
      .notNull()
      .references(() => agentTokens.id, { onDelete: "cascade" }),
    /** As the agent names itself (--name, default host name and process id). */
    name: text("name").notNull(),
    version: text("version").notNull().default(""),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agents_token_name_unique").on(t.tokenId, t.name)],
);

/**
 * A run: steps handed to agents at once — one step, one step across customers (with a window and
 * a failure budget), or one customer's steps in order. Its items are the queue.
 */
export const runs = pgTable(
  "runs",
  {
    id: serial("id").primaryKey(),
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    /** "step" (one customer step), "across" (a template step across customers), "customer" (a customer's steps in order). */
    kind: text("kind").notNull(),
    templateId: integer("template_id").references(() => stepTemplates.id, { onDelete: "set null" }),
    customerId: integer("customer_id").references(() => customers.id, { onDelete: "set null" }),
    status: text("status").$type<RunStatus>().notNull().default("active"),
    /** At most this many items running at once, overall and per cluster. */
    maxParallel: integer("max_parallel").notNull().default(1),
    maxParallelPerCluster: integer("max_parallel_per_cluster").notNull().default(1),
    /** The run pauses itself after this many failed items (null: no limit)… */
    failureBudget: integer("failure_budget"),
    /** …or when this percentage of the finished items failed (null: no limit). */
    failureBudgetPercent: integer("failure_budget_percent"),
    /** A customer's steps: the first failure stops the rest (they are cancelled, in words). */
    stopOnFailure: boolean("stop_on_failure").notNull().default(false),
    pausedReason: text("paused_reason"),
    startedById: integer("started_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("runs_release_idx").on(t.releaseId, t.id),
    check("runs_kind", sql`${t.kind} in ('step', 'across', 'customer')`),
    check("runs_status", sql`${t.status} in ('active', 'paused', 'cancelled', 'finished')`),
    check("runs_window", sql`${t.maxParallel} >= 1 and ${t.maxParallelPerCluster} >= 1`),
  ],
);

/**
 * One customer step in a run. Claimed by one agent with FOR UPDATE SKIP LOCKED and held by a lease
 * that the agent's output and heartbeats renew; what runs is rendered and fixed when it is claimed
 * (`content`, its SHA-256 kept). At most once: an item never goes back to queued, and a lease that
 * runs out makes it `unknown` — a person decides what happens next.
 */
export const runItems = pgTable(
  "run_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: integer("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    customerStepId: bigint("customer_step_id", { mode: "number" })
      .notNull()
      .references(() => customerSteps.id, { onDelete: "cascade" }),
    releaseId: integer("release_id").notNull(),
    customerId: integer("customer_id").notNull(),
    clusterId: integer("cluster_id").notNull(),
    /** Order within the run (a customer's steps run in this order). */
    position: integer("position").notNull(),
    state: text("state").$type<RunItemState>().notNull().default("queued"),
    agentId: integer("agent_id").references(() => agents.id, { onDelete: "set null" }),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    exitCode: integer("exit_code"),
    durationMs: integer("duration_ms"),
    timeoutSeconds: integer("timeout_seconds").notNull().default(600),
    /** The step's type and its text exactly as it ran for this customer, fixed at claim time. */
    stepType: text("step_type"),
    content: text("content"),
    contentSha256: text("content_sha256"),
    /** stdout and stderr as they arrived, capped: the head and the tail are kept, the middle is cut and said. */
    output: text("output").notNull().default(""),
    outputBytes: bigint("output_bytes", { mode: "number" }).notNull().default(0),
    outputCut: boolean("output_cut").notNull().default(false),
    /** Why it ended as it did, in words ("timed out after 600 s", "cancelled by Sam"…). */
    note: text("note"),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("run_items_run_idx").on(t.runId, t.position),
    // What agents of one cluster may claim, in order.
    index("run_items_queue_idx").on(t.clusterId, t.runId, t.position).where(sql`${t.state} = 'queued'`),
    index("run_items_lease_idx").on(t.leaseUntil).where(sql`${t.state} = 'running'`),
    index("run_items_step_idx").on(t.customerStepId, t.id),
    // At most once: one live item per customer step, whoever starts runs at the same moment.
    uniqueIndex("run_items_one_live_per_step").on(t.customerStepId).where(sql`${t.state} in ('queued', 'running')`),
    check("run_items_state", sql`${t.state} in ('queued', 'running', 'done', 'failed', 'unknown', 'cancelled')`),
  ],
);
