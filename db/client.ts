import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/** One type for both engines: the query builder is identical over postgres-js and PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type Engine = "postgres" | "pglite";

/** Subscribes to a NOTIFY channel; resolves to the unsubscribe. */
type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
type Handle = { db: Db; engine: Engine; close: () => Promise<void>; listen: Listen };

// Memoised on globalThis: Next may load this module more than once per process, and PGlite must
// never be opened twice on one data directory (there is no lock; the second open corrupts it).
const store = globalThis as unknown as { __runsheetDb?: Handle };

/** The role the server's connections switch to at start (DATABASE_ROLE; "none" or unset: stay). */
function sessionRole(): string | undefined {
  const role = process.env.DATABASE_ROLE?.trim();
  return role && role !== "none" ? role : undefined;
}

export function openDatabase(options: { databaseUrl?: string; dataDir?: string; pglite?: PGlite; role?: string } = {}): Handle {
  if (options.databaseUrl) {
    const role = options.role ?? sessionRole();
    const client = postgres(options.databaseUrl, {
      max: Number(process.env.DB_POOL_SIZE || 10), // blank (as compose may pass it) means the default
      onnotice: () => {},
      // Least privilege (README): every connection starts as the runtime role, which may read and
      // write rows but not change the schema, truncate, disable triggers or rewrite history.
      // JIT compilation is for long analytic queries; here it only added ~100 ms of compiling to
      // aggregates the planner overestimated (npm run bench:overview).
      connection: { jit: "off", ...(role ? { role } : {}) },
      // The one place engines are made to agree: postgres.js hands int8 (bigserial ids, count(*))
      // over as strings, PGlite as numbers. Every id and count here is far below 2^53.
      types: { int8: { to: 20, from: [20], serialize: (v: number | bigint) => String(v), parse: (v: string) => Number(v) } },
      // Dates stay strings for `date` columns; timestamps become Date (drizzle handles both).
    });
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Db,
      engine: "postgres",
      close: () => client.end({ timeout: 5 }),
      // postgres.js keeps one dedicated connection for LISTEN and reconnects (and re-listens) by itself.
      listen: async (channel, onPayload) => {
        const { unlisten } = await client.listen(channel, onPayload);
        return unlisten;
      },
    };
  }
  const pg =
    options.pglite ??
    new PGlite(options.dataDir ?? "./data", {
      // Shared buffers live in the server's own memory here (WASM), not in a separate Postgres:
      // Postgres' default of 128 MB would all end up in the app's RSS. The OS page cache still
      // holds the data files, so reads past the buffers stay cheap.
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${process.env.PGLITE_SHARED_BUFFERS || "32MB"}`],
    });
  return {
    db: drizzlePglite(pg, { schema }) as unknown as Db,
    engine: "pglite",
    listen: async (channel, onPayload) => {
      const unlisten = await pg.listen(channel, onPayload);
      return () => unlisten();
    },
    close: async () => {
      if (pg.closed) return;
      // A checkpoint first so a restart does not replay the WAL (or lose it on a hard stop).
      await pg.exec("CHECKPOINT").catch(() => {});
      await pg.close();
    },
  };
}

function handle(): Handle {
  if (!store.__runsheetDb) {
    store.__runsheetDb = openDatabase({
      databaseUrl: process.env.DATABASE_URL || undefined,
      dataDir: process.env.DATA_DIR || "./data",
    });
  }
  return store.__runsheetDb;
}

/** The process-wide database, opened lazily on first use (never at build time). */
export function getDb(): Db {
  return handle().db;
}

export function getEngine(): Engine {
  return handle().engine;
}

/**
 * Hears a NOTIFY channel on the process-wide database: changes announced by committing
 * transactions (every process on one Postgres hears every change; PGlite is one process).
 */
export function listenToDatabase(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  return handle().listen(channel, onPayload);
}

/** Tests and scripts swap in their own database (a fresh PGlite or a throwaway Postgres db). */
export function setDatabase(next: Handle | undefined): void {
  store.__runsheetDb = next;
}

export async function closeDb(): Promise<void> {
  const current = store.__runsheetDb;
  store.__runsheetDb = undefined;
  if (current) await current.close();
}

/**
 * How many rows a raw write (`db.execute(sql\`update …\`)`) changed: postgres.js reports `count`,
 * PGlite `affectedRows`. The one place that knows; reads go through Drizzle selects or db/raw.ts.
 */
export function affectedRows(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number };
  return r.count ?? r.affectedRows ?? 0;
}

export { schema };
