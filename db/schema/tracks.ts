import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { releaseTypeEnum } from "./enums";
import { releases } from "./releases";
import { users } from "./users";

/** QA, Product, Security, Incident commander…: only members sign off for a group. */
export const approverGroups = pgTable(
  "approver_groups",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("approver_groups_name_unique").on(sql`lower(${t.name})`)],
);

export const approverGroupMembers = pgTable(
  "approver_group_members",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => approverGroups.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("approver_group_members_user_idx").on(t.userId)],
);

/** A release track: the ordered stages a release goes through (staging → canary → production). */
export const tracks = pgTable(
  "tracks",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The release type that starts on this track unless the release picks another (one per type). */
    defaultFor: releaseTypeEnum("default_for"),
    /** Segregation of duties: whoever promotes may not be the only person who signed off. */
    promoterMayNotBeOnlySigner: boolean("promoter_may_not_be_only_signer").notNull().default(true),
    /**
     * Steps run by an agent need a review by someone other than their author (four eyes) unless
     * the track waives it (audited with the track's changes; copied to a release at activation).
     */
    agentReviewWaived: boolean("agent_review_waived").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tracks_name_unique").on(sql`lower(${t.name})`),
    uniqueIndex("tracks_default_for_unique").on(t.defaultFor).where(sql`${t.defaultFor} is not null`),
  ],
);

/**
 * What a stage holds and asks for. Shared by a track's stages and a release's copy of them, so the
 * two cannot drift apart. A stage selects customers by cluster and/or one metadata label; a
 * customer that no stage selects belongs to the last stage.
 */
const stageColumns = () => ({
  id: serial("id").primaryKey(),
  position: integer("position").notNull(),
  name: text("name").notNull(),
  clusterIds: integer("cluster_ids").array().notNull().default(sql`'{}'::integer[]`),
  labelKey: text("label_key"),
  labelValue: text("label_value"),
  /** Sign-offs required to enter the stage. */
  requiredGroupIds: integer("required_group_ids").array().notNull().default(sql`'{}'::integer[]`),
  /** Wait after this stage's last customer completes before the next stage may open. */
  soakMinutes: integer("soak_minutes").notNull().default(0),
});

export const trackStages = pgTable(
  "track_stages",
  {
    ...stageColumns(),
    trackId: integer("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("track_stages_position_unique").on(t.trackId, t.position)],
);

/**
 * A release's stages, copied from its track at activation: editing a track later changes the
 * releases activated after, never the gates of one under way.
 */
export const releaseStages = pgTable(
  "release_stages",
  {
    ...stageColumns(),
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    promoterMayNotBeOnlySigner: boolean("promoter_may_not_be_only_signer").notNull().default(true),
    /** Null while the stage waits; its customers' steps change only once it is open. */
    openedAt: timestamp("opened_at", { withTimezone: true }),
    openedById: integer("opened_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Set when an admin opened the stage before its gate was met. */
    breakGlassReason: text("break_glass_reason"),
  },
  (t) => [uniqueIndex("release_stages_position_unique").on(t.releaseId, t.position)],
);

/** A sign-off for entering a stage; withdrawn (not deleted) until the stage opens. */
export const signOffs = pgTable(
  "sign_offs",
  {
    id: serial("id").primaryKey(),
    stageId: integer("stage_id")
      .notNull()
      .references(() => releaseStages.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => approverGroups.id, { onDelete: "restrict" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    comment: text("comment").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    index("sign_offs_stage_idx").on(t.stageId),
    // One standing sign-off per person and group for a stage: a second click is not a second vote.
    uniqueIndex("sign_offs_active_unique").on(t.stageId, t.groupId, t.userId).where(sql`${t.withdrawnAt} is null`),
  ],
);

