import { sql } from "drizzle-orm";
import { boolean, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export type Metadata = Record<string, string>;

export const clusters = pgTable(
  "clusters",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    kubeconfigPath: text("kubeconfig_path"),
    description: text("description").notNull().default(""),
    /** Operational flag (e.g. a paused staging cluster); inactive clusters get no new steps. */
    isActive: boolean("is_active").notNull().default(true),
    metadata: jsonb("metadata").$type<Metadata>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Soft delete (BR-C01, BR-M03): the row stays for history. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  // BR-C02: unique among clusters that still exist; a deleted name may be reused.
  (t) => [uniqueIndex("clusters_name_unique").on(sql`lower(${t.name})`).where(sql`${t.deletedAt} is null`)],
);
