import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, openDatabase, type Db } from "@/db/client";
import { column, rawRows } from "@/db/raw";
import { agentTokens, agents, apiTokens, auditLog, customerSteps, customers, manifestFiles, manifestPublishes, manifestRepositories, runItems, runs, sessions, signInAttempts, stepEvents, users, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { backupDatabase, BackupError, restoreDatabase, tablesInDependencyOrder } from "@/lib/ops/backup";
import { seedDemoData } from "@/lib/ops/seed-demo";
import { engine, withTestDatabase } from "../support/db";
import { makeRelease, makeTemplate, include } from "../support/factories";
import { PGLITE_TEMPLATE, TEMPLATE_DB, withDatabase } from "../support/global-setup";

withTestDatabase();

type Handle = ReturnType<typeof openDatabase>;
const opened: Array<{ handle: Handle; drop?: string }> = [];

/** A second, migrated, empty instance to restore into: PGlite, or a Postgres database. */
async function freshInstance(kind: "pglite" | "postgres"): Promise<Db> {
  if (kind === "postgres") {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `rs_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    await admin.end();
    const handle = openDatabase({ databaseUrl: withDatabase(url, name) });
    opened.push({ handle, drop: name });
    return handle.db;
  }
  const pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]) });
  const handle = openDatabase({ pglite: pg });
  opened.push({ handle });
  return handle.db;
}

afterAll(async () => {
  for (const { handle, drop } of opened) {
    await handle.close();
    if (drop) {
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${drop} WITH (FORCE)`);
      await admin.end();
    }
  }
});

async function dump(db: Db): Promise<string[]> {
  const lines: string[] = [];
  await backupDatabase(db, engine, (line) => void lines.push(line));
  return lines;
}

async function* iterate(lines: string[]): AsyncIterable<string> {
  for (const l of lines) yield* l.split("\n");
}

/** Every table's rows, in primary-key order, as Postgres renders them; and every sequence. */
async function snapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of await tablesInDependencyOrder(db)) {
    const [row] = await rawRows(
      db,
      { rows: column.json<unknown[]>("rows") },
      sql`select coalesce(jsonb_agg(to_jsonb(t) order by to_jsonb(t)::text), '[]')::text as rows from ${sql.raw(`"${table}"`)} t`,
    );
    out[table] = row.rows;
  }
  out.__sequences = await rawRows(
    db,
    { sequencename: column.text("sequencename"), last_value: column.textOrNull("last_value") },
    sql`select sequencename, last_value::text from pg_sequences where schemaname = 'public' order by 1`,
  );
  return out;
}

/** Something in every table, including awkward values (unicode, newlines, fractions, nulls). */
async function populate(db: Db) {
  await seedDemoData(db);
  const [admin] = await db.select().from(users).limit(1);
  const [customer] = await db.select().from(customers).limit(1);
  const release = await makeRelease({ description: "Line one\nline \"two\" — ünïcødé ✓", metadata: { k: "v", nested: "x\ty" } });
  const template = await makeTemplate(release.id, { content: "#!/bin/bash\necho 'héllo'\n\\n" });
  await include(release.id, [customer.id]);
  const [step] = await db
    .insert(customerSteps)
    .values([
      { releaseId: release.id, customerId: customer.id, templateId: template.id, name: template.name, category: "deploy", type: "bash", orderIndex: 0, origin: "activation" },
      { releaseId: release.id, customerId: customer.id, name: "custom", category: "verify", type: "sql", orderIndex: 0.1 + 0.2, isCustom: true, origin: "custom", status: "skipped", skipReason: "n/a" },
    ])
    .returning();
  await db.insert(stepEvents).values({ customerStepId: step.id, releaseId: release.id, customerId: customer.id, kind: "marked_done", actorId: admin.id, detail: { notes: "ok", n: 1.25, list: [1, null] } });
  await db.insert(auditLog).values({ actorId: admin.id, actorName: admin.name, action: "test", entityType: "release", entityId: String(release.id), before: null, after: { a: 1 } });
  await db.insert(sessions).values({ id: "sid-1", userId: admin.id, expiresAt: new Date("2031-01-02T03:04:05.678Z") });
  await db.insert(signInAttempts).values({ email: admin.email, address: "10.0.0.1", succeeded: true });
  await db.insert(apiTokens).values({ name: "CI ✓", userId: admin.id, role: "release_manager", tokenHash: "ab".repeat(32), prefix: "rs_abcdef" });
  const [hook] = await db.insert(webhookEndpoints).values({ name: "Hook", url: "https://hooks.example/x", secretBox: "v1.a.b.c", events: ["step.done", "customer.completed"] }).returning();
  await db.insert(webhookDeliveries).values({ endpointId: hook.id, event: "step.done", payload: { event: "step.done", text: "ünïcødé\n" } });
  const [token] = await db.insert(agentTokens).values({ clusterId: customer.clusterId, name: "stg agent", tokenHash: "cd".repeat(32), prefix: "rsa_abcdef" }).returning();
  const [agent] = await db.insert(agents).values({ tokenId: token.id, name: "host-1", version: "1" }).returning();
  const [run] = await db.insert(runs).values({ releaseId: release.id, kind: "step", startedById: admin.id }).returning();
  await db.insert(runItems).values({ runId: run.id, customerStepId: step.id, releaseId: release.id, customerId: customer.id, clusterId: customer.clusterId, position: 0, state: "done", agentId: agent.id, output: "\u001b[32mok\u001b[0m\n", outputBytes: 12, exitCode: 0 });
  // The demo's manifest repository (when git made it), else one of the customer's cluster; a publish with a file.
  const [repo] = (await db.select().from(manifestRepositories).limit(1)).length
    ? await db.select().from(manifestRepositories).limit(1)
    : await db.insert(manifestRepositories).values({ name: "manifests ✓", url: "file:///srv/manifests.git", pathPattern: "{{ namespace }}/{{ step.slug }}.yaml", clusterId: customer.clusterId }).returning();
  const [pub] = await db
    .insert(manifestPublishes)
    .values({ releaseId: release.id, repositoryId: repo.id, title: "canary", branch: "runsheet/x/canary", targetBranch: "main", repositoryUrl: repo.url, baseSha: "a".repeat(40), commitSha: "b".repeat(40), conflicts: ["clusters/ü/x.yaml", "a,b"] })
    .returning();
  await db.insert(manifestFiles).values({ publishId: pub.id, customerStepId: step.id, customerId: customer.id, path: "clusters/x/ns/app.yaml", content: "kind: ConfigMap\nmetadata:\n  name: ü\n", blobSha: "c".repeat(40), stepVersion: 1 });
  await db.execute(sql`update users set last_sign_in_at = '2025-01-01 00:00:00.123456+00' where id = ${admin.id}`);
}

describe(`backup and restore (${engine})`, () => {
  let lines: string[] = [];

  it("round-trips every table row for row, and every sequence", async () => {
    await populate(getDb());
    const before = await snapshot(getDb());
    for (const [table, rows] of Object.entries(before)) {
      if (table !== "__sequences") expect(rows, `${table} should have rows for a meaningful test`).not.toHaveLength(0);
    }
    lines = await dump(getDb());
    const target = await freshInstance(engine);
    const counts = await restoreDatabase(target, iterate(lines));
    expect(counts.users).toBeGreaterThan(0);
    expect(await snapshot(target)).toEqual(before);
    // Sequences continue where they were: a new row does not collide with a restored id.
    await expect(target.insert(users).values({ email: "new@x.test", name: "New" }).returning()).resolves.toHaveLength(1);
  });

  it("restores into the other engine too", async () => {
    const other = engine === "postgres" ? "pglite" : process.env.TEST_DATABASE_URL ? "postgres" : undefined;
    if (!other) return;
    const target = await freshInstance(other);
    await restoreDatabase(target, iterate(lines));
    const a = await snapshot(getDb());
    const b = await snapshot(target);
    expect(b).toEqual(a);
  });

  it("refuses a database that is not empty", async () => {
    await expect(restoreDatabase(getDb(), iterate(lines))).rejects.toThrow(/not empty \(rows in .*users/);
  });

  it("refuses a truncated file and leaves the target empty", async () => {
    const target = await freshInstance(engine);
    await expect(restoreDatabase(target, iterate(lines.slice(0, -2)))).rejects.toThrow(BackupError);
    await expect(restoreDatabase(target, iterate(lines.slice(0, -2)))).rejects.toThrow(/incomplete/);
    const [row] = await target.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
    expect(row.n).toBe(0);
  });

  it("refuses a backup from a newer schema", async () => {
    const header = JSON.parse(lines[0]) as { migrations: string[] };
    const newer = [JSON.stringify({ ...header, migrations: [...header.migrations, "f".repeat(64)] }), ...lines.slice(1)];
    const target = await freshInstance(engine);
    await expect(restoreDatabase(target, iterate(newer))).rejects.toThrow(/newer Runsheet/);
  });
});
