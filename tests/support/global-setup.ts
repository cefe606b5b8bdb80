import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { applyMigrations } from "@/db/migrate-lib";

export const TEMPLATE_DB = "runsheet_test_template";
/** Per checkout, so parallel runs in other work trees never share it. */
export const PGLITE_TEMPLATE = path.join(import.meta.dirname, "../../.vitest-cache/pglite-template.tar");

/**
 * Migrates once per run: a PGlite data directory dumped to a file (each test file loads it into
 * memory, ~10× faster than migrating) and, with TEST_DATABASE_URL, a Postgres template database
 * each test file clones.
 */
export default async function setup() {
  const pg = new PGlite();
  const handle = openDatabase({ pglite: pg });
  await applyMigrations(handle.db, "pglite");
  const dump = await pg.dumpDataDir("none");
  mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await pg.close();

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const tpl = openDatabase({ databaseUrl: withDatabase(url, TEMPLATE_DB) });
    await applyMigrations(tpl.db, "postgres");
    await tpl.close();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
