import type { Sql } from "postgres";
import type { Db, Engine } from "./client";

/** An arbitrary, fixed key: "runsheet startup" for pg_advisory_lock. */
const STARTUP_LOCK = 7_331_020_501;

/**
 * Runs migrations and seeding one server at a time. Several app processes (replicas behind a
 * proxy, or containers restarted together) may start against one Postgres at once; without this,
 * two would apply the same migration or seed the same demo data concurrently. The lock is a
 * session lock on one reserved connection, held until `fn` ends (and released by Postgres if the
 * process dies). The embedded engine is one process by construction: nothing to lock.
 */
export async function withStartupLock<T>(db: Db, engine: Engine, fn: () => Promise<T>): Promise<T> {
  if (engine !== "postgres") return fn();
  const client = (db as unknown as { $client: Sql }).$client;
  const reserved = await client.reserve();
  try {
    await reserved`select pg_advisory_lock(${STARTUP_LOCK})`;
    try {
      return await fn();
    } finally {
      await reserved`select pg_advisory_unlock(${STARTUP_LOCK})`;
    }
  } finally {
    reserved.release();
  }
}
