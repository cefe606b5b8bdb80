import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { type Metadata } from "./clusters";
import { releaseMembershipEnum, releaseScopeEnum, releaseStatusEnum, releaseTypeEnum } from "./enums";
import { users } from "./users";

export const releases = pgTable(
  "releases",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    type: releaseTypeEnum("type").notNull(),
    status: releaseStatusEnum("status").notNull().default("draft"),
    versionNumber: text("version_number"),
    releaseDate: date("release_date", { mode: "string" }),
    description: text("description").notNull().default(""),
    metadata: jsonb("metadata").$type<Metadata>().notNull().default({}),
    /** "all": every active customer (BR-R01), and customers that appear later join (BR-S06). */
    scope: releaseScopeEnum("scope").notNull().default("all"),
    clonedFromId: integer("cloned_from_id"),
    /** The rollout track (stages and sign-offs); null: no stages, every customer at once. */
    trackId: integer("track_id"),
    /** Copied from the track at activation: agent-run steps may go without a second reviewer. */
    agentReviewWaived: boolean("agent_review_waived").notNull().default(false),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("releases_name_unique").on(sql`lower(${t.name})`),
    index("releases_status_idx").on(t.status),
  ],
);

/**
 * Which customers take part in a release. Written at activation; a narrowed activation records
 * the customers it left out as "excluded" so they are visible and can be added later.
 */
export const releaseCustomers = pgTable(
  "release_customers",
  {
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    membership: releaseMembershipEnum("membership").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.customerId] }), index("release_customers_customer_idx").on(t.customerId)],
);
