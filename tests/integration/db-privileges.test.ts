import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, openDatabase, type Db } from "@/db/client";
import { column, rawRows } from "@/db/raw";
import { auditLog } from "@/db/schema";
import { withDatabase } from "../support/global-setup";
import { createActor, engine, withTestDatabase } from "../support/db";

withTestDatabase();

const failure = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    let e: unknown = error;
    while (e && typeof e === "object" && !("code" in e && typeof (e as { code: unknown }).code === "string" && /^[0-9A-Z]{5}$/.test((e as { code: string }).code))) e = (e as { cause?: unknown }).cause;
    return (e as { code?: string })?.code ?? "unknown";
  }
  return "succeeded";
};

describe(`history cannot be rewritten (${engine})`, () => {
  it("the audit log and step history refuse UPDATE, DELETE and TRUNCATE, even from the owner", async () => {
    const actor = await createActor("admin");
    await getDb().insert(auditLog).values({ actorId: actor.id, actorName: actor.name, action: "test.row", entityType: "user", entityId: "1", summary: "kept" });
    expect(await failure(() => getDb().execute(sql`update audit_log set summary = 'changed'`))).toBe("42501");
    expect(await failure(() => getDb().execute(sql`delete from audit_log`))).toBe("42501");
    expect(await failure(() => getDb().execute(sql`truncate audit_log`))).toBe("42501");
    expect(await failure(() => getDb().execute(sql`truncate step_events cascade`))).toBe("42501");
    const [row] = await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(auditLog)
      .where(eq(auditLog.action, "test.row"));
    expect(row.n).toBe(1);
  });
});

/**
 * The server's connections run as `runsheet_runtime` (README, "Least-privilege database role"):
 * rows in and out, nothing else. Postgres only: the embedded engine is the app's own process.
 */
describe.skipIf(engine !== "postgres")("the runtime role (Postgres)", () => {
  let runtime: { db: Db; close: () => Promise<void> };
  beforeAll(async () => {
    const [{ name }] = await rawRows(getDb(), { name: column.text("name") }, sql`select current_database() as name`);
    runtime = openDatabase({ databaseUrl: withDatabase(process.env.TEST_DATABASE_URL!, name), role: "runsheet_runtime" });
  });
  afterAll(async () => runtime?.close());

  it("acts as runsheet_runtime and may read and write rows", async () => {
    const [who] = await rawRows(runtime.db, { u: column.text("u") }, sql`select current_user as u`);
    expect(who.u).toBe("runsheet_runtime");
    await runtime.db.execute(sql`insert into clusters (name) values ('runtime-role-cluster')`);
    await runtime.db.execute(sql`update clusters set description = 'ok' where name = 'runtime-role-cluster'`);
    await runtime.db.execute(sql`insert into audit_log (actor_name, action, entity_type, entity_id) values ('system', 'test.runtime', 'cluster', '0')`);
  });

  it("may not truncate, disable triggers, change the schema or rewrite history", async () => {
    expect(await failure(() => runtime.db.execute(sql`truncate sign_in_attempts`))).toBe("42501");
    expect(await failure(() => runtime.db.execute(sql`alter table audit_log disable trigger all`))).toBe("42501");
    expect(await failure(() => runtime.db.execute(sql`drop table sign_in_attempts`))).toBe("42501");
    expect(await failure(() => runtime.db.execute(sql`create table evil (id int)`))).toBe("42501");
    expect(await failure(() => runtime.db.execute(sql`update audit_log set summary = 'x'`))).toBe("42501");
    expect(await failure(() => runtime.db.execute(sql`delete from step_events`))).toBe("42501");
  });
});
