import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb, openDatabase, setDatabase } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { PGLITE_TEMPLATE, TEMPLATE_DB, withDatabase } from "./global-setup";
import type { Role } from "@/db/schema/vocabulary";

export const engine = (process.env.TEST_ENGINE ?? "pglite") as "pglite" | "postgres";

/**
 * Gives this test file its own database on the engine of its vitest project: a PGlite loaded
 * from the migrated template, or a Postgres database cloned from the template database.
 */
export function withTestDatabase(): void {
  let dropName: string | undefined;
  beforeAll(async () => {
    if (engine === "postgres") {
      const url = process.env.TEST_DATABASE_URL!;
      dropName = `rs_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${dropName} TEMPLATE ${TEMPLATE_DB}`);
      await admin.end();
      setDatabase(openDatabase({ databaseUrl: withDatabase(url, dropName) }));
    } else {
      const blob = new Blob([readFileSync(PGLITE_TEMPLATE)]);
      const pg = await PGlite.create({ loadDataDir: blob });
      setDatabase(openDatabase({ pglite: pg }));
    }
  });
  afterAll(async () => {
    await closeDb();
    if (dropName) {
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${dropName} WITH (FORCE)`);
      await admin.end();
    }
  });
}

let userSeq = 0;
/** A real user row to act as (mutations record who did what). */
export async function createActor(role: Role = "admin", name?: string): Promise<Actor> {
  userSeq++;
  const label = name ?? `${role}-${userSeq}-${Math.random().toString(36).slice(2, 6)}`;
  const [row] = await getDb()
    .insert(users)
    .values({ email: `${label}@test.local`, name: label, role })
    .returning({ id: users.id, name: users.name, email: users.email, role: users.role });
  return row;
}
