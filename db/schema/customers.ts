import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { clusters, type Metadata } from "./clusters";

export const customers = pgTable(
  "customers",
  {
    id: serial("id").primaryKey(),
    clusterId: integer("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    namespace: text("namespace").notNull(),
    description: text("description").notNull().default(""),
    /** False once archived (BR-M03: soft delete only). */
    isActive: boolean("is_active").notNull().default(true),
    metadata: jsonb("metadata").$type<Metadata>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    // BR-M01: one active customer per namespace in a cluster.
    uniqueIndex("customers_cluster_namespace_unique")
      .on(t.clusterId, t.namespace)
      .where(sql`${t.isActive}`),
    uniqueIndex("customers_name_unique").on(sql`lower(${t.name})`).where(sql`${t.isActive}`),
    index("customers_cluster_idx").on(t.clusterId),
  ],
);
