import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { users } from "./users";

/**
 * API tokens for CI jobs and scripts (README, "API"). The token itself is shown once and never
 * stored: only its SHA-256 (a token is 32 random bytes, so a slow hash adds nothing). A request
 * with a token acts as `user_id` (a person or a service account) with the lesser of the token's
 * role and the user's. The per-minute window counts requests for the rate limit in the same
 * UPDATE that records "last used", so several app processes share one count.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The first characters of the token ("rs_ab12cd"), so a person can tell tokens apart. */
    prefix: text("prefix").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedById: integer("revoked_by_id").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
    windowCount: integer("window_count").notNull().default(0),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
    check("api_tokens_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);
