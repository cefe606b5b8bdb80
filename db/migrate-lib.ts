import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Db, Engine } from "./client";
import { column, rawRows } from "./raw";

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "./drizzle");

/** How many committed migrations the database has not applied yet (all, if it has none). */
export async function pendingMigrations(db: Db): Promise<number> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
  let last = -1;
  try {
    // drizzle's own table (not in db/schema): created_at is the migration's journal time in ms.
    const [row] = await rawRows(db, { last: column.intOrNull("last") }, sql`select max(created_at) as last from drizzle.__drizzle_migrations`);
    last = row?.last ?? -1;
  } catch {
    return journal.entries.length; // no migrations table yet
  }
  return journal.entries.filter((e) => e.when > last).length;
}

/**
 * Applies the committed migrations; the same SQL for both engines. With nothing pending it
 * changes nothing and needs no privilege beyond reading the migrations table, so a server that
 * connects as the least-privilege runtime login starts normally (README, Security).
 */
export async function applyMigrations(db: Db, engine: Engine): Promise<void> {
  if ((await pendingMigrations(db)) === 0) return;
  if (engine === "pglite") {
    await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}
