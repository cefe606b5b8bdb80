import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { clusters } from "./clusters";
import { customers } from "./customers";
import { releases } from "./releases";
import { customerSteps } from "./steps";
import { releaseStages, tracks } from "./tracks";
import { users } from "./users";

/**
 * A manifest repository (README, "The manifest repository"): where the YAML steps in "publish"
 * mode of one track's releases, or of one cluster's customers, are written as files; Argo CD or
 * Flux applies what is merged to its branch. A cluster's own repository comes before its track's.
 */
export const manifestRepositories = pgTable(
  "manifest_repositories",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    /** A local path, file:// or https:// — never with credentials in it (they go in tokenBox). */
    url: text("url").notNull(),
    /** AES-256-GCM of the access token for hosted Git (lib/auth/secret-box.ts); never shown again. */
    tokenBox: text("token_box"),
    branch: text("branch").notNull().default("main"),
    pathPattern: text("path_pattern").notNull(),
    trackId: integer("track_id").references(() => tracks.id, { onDelete: "cascade" }),
    clusterId: integer("cluster_id").references(() => clusters.id, { onDelete: "cascade" }),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("manifest_repositories_one_scope", sql`(${t.trackId} is null) <> (${t.clusterId} is null)`),
    check("manifest_repositories_name_not_blank", sql`length(trim(${t.name})) > 0`),
    uniqueIndex("manifest_repositories_track_unique").on(t.trackId).where(sql`${t.trackId} is not null`),
    uniqueIndex("manifest_repositories_cluster_unique").on(t.clusterId).where(sql`${t.clusterId} is not null`),
  ],
);

/**
 * One publish: a commit on `runsheet/<release>/<stage>` with every chosen customer's manifest,
 * waiting for someone other than its publisher to approve the merge. A newer publish of the same
 * branch supersedes an open one.
 */
export const manifestPublishes = pgTable(
  "manifest_publishes",
  {
    id: serial("id").primaryKey(),
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    stageId: integer("stage_id").references(() => releaseStages.id, { onDelete: "set null" }),
    repositoryId: integer("repository_id")
      .notNull()
      .references(() => manifestRepositories.id, { onDelete: "restrict" }),
    /** What was published, in words ("canary", or "3 customers"). */
    title: text("title").notNull(),
    branch: text("branch").notNull(),
    /** The target branch (main) as it was published against, and where. */
    targetBranch: text("target_branch").notNull(),
    repositoryUrl: text("repository_url").notNull(),
    baseSha: text("base_sha").notNull(),
    commitSha: text("commit_sha").notNull(),
    /**
     * open → merging (an approval claimed it: the push and its record go together) → merged, or
     * back to open when the merge is refused; open → superseded by a newer publish of the branch.
     */
    status: text("status").notNull().default("open"),
    /** When the merge that holds it began (a merge left there by a crash is taken over after a while). */
    mergingSince: timestamp("merging_since", { withTimezone: true }),
    publishedById: integer("published_by_id").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    mergedSha: text("merged_sha"),
    /** "fast-forward" or "merge commit". */
    mergeKind: text("merge_kind"),
    mergedById: integer("merged_by_id").references(() => users.id, { onDelete: "set null" }),
    mergedAt: timestamp("merged_at", { withTimezone: true }),
    /** Files the last merge attempt found changed on the target branch as well (never forced). */
    conflicts: text("conflicts").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index("manifest_publishes_release_idx").on(t.releaseId, t.id),
    check("manifest_publishes_status", sql`${t.status} in ('open', 'merging', 'merged', 'superseded')`),
    // One publish of a branch is open (or being merged) at a time: a second publish supersedes it,
    // and two at once cannot both stand.
    uniqueIndex("manifest_publishes_branch_open").on(t.repositoryId, t.branch).where(sql`${t.status} in ('open', 'merging')`),
    check("manifest_publishes_merged", sql`(${t.status} = 'merged') = (${t.mergedSha} is not null)`),
  ],
);

/** Each customer's file in a publish: the exact text reviewed, and whether main still holds it. */
export const manifestFiles = pgTable(
  "manifest_files",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    publishId: integer("publish_id")
      .notNull()
      .references(() => manifestPublishes.id, { onDelete: "cascade" }),
    customerStepId: bigint("customer_step_id", { mode: "number" })
      .notNull()
      .references(() => customerSteps.id, { onDelete: "restrict" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    path: text("path").notNull(),
    content: text("content").notNull(),
    /** Git's blob id of `content`: what "the same file" means when comparing with the repository. */
    blobSha: text("blob_sha").notNull(),
    /** The target branch's blob at that path when published, and its text (null: a new file). */
    baseBlobSha: text("base_blob_sha"),
    baseContent: text("base_content"),
    /** The step's version when published: a step changed since is not merged as done. */
    stepVersion: integer("step_version").notNull(),
    /** After "Compare with the repository": does the target branch still hold this file? */
    drifted: boolean("drifted"),
    driftCheckedAt: timestamp("drift_checked_at", { withTimezone: true }),
    driftBlobSha: text("drift_blob_sha"),
  },
  (t) => [
    uniqueIndex("manifest_files_step_unique").on(t.publishId, t.customerStepId),
    index("manifest_files_step_idx").on(t.customerStepId, t.publishId),
  ],
);
