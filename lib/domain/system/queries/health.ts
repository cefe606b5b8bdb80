import "server-only";
import { sql } from "drizzle-orm";
import { getDb, getEngine } from "@/db/client";

/** Liveness of the database: one round trip, with its engine and latency. */
export async function checkDatabase(): Promise<{ ok: boolean; engine: string; ms: number; error?: string }> {
  const started = Date.now();
  try {
    await getDb().execute(sql`select 1`);
    return { ok: true, engine: getEngine(), ms: Date.now() - started };
  } catch (error) {
    return { ok: false, engine: getEngine(), ms: Date.now() - started, error: error instanceof Error ? error.name : "error" };
  }
}
