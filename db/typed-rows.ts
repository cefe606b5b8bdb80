import { getTableColumns, type InferSelectModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * A row a raw statement returned (`RETURNING t.*`, snake_case names as the driver hands them)
 * as the table's own select type, each value decoded by its column as drizzle decodes it: dates
 * become Date, bigint ids numbers, on both engines. Typed by the schema, so a renamed column
 * breaks at compile time, not at run time.
 */
export function rowOf<T extends PgTable>(table: T, raw: Record<string, unknown>): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as InferSelectModel<T>;
}

/** The rows of `db.execute` on either engine (postgres.js answers an array, PGlite `{ rows }`). */
export function executedRows(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
