import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Db, Engine } from "./client";

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "./drizzle");

/** Applies the committed migrations; the same SQL for both engines. */
export async function applyMigrations(db: Db, engine: Engine): Promise<void> {
  if (engine === "pglite") {
    await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}
