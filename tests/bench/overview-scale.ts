/**
 * `npm run bench:overview`: does the cost of a release's matrix follow that release, or the size
 * of the whole steps table? On Postgres: a release of 2,000 customers × 60 steps (120,000 customer
 * steps) activated with a realistic status mix, its matrix (default view: clusters collapsed into
 * the per-step × cluster overview, plus the progress counts) read in-process N times; then nine
 * more releases of the same size are added to the same table (≈ 1.1 M more steps), and the same
 * matrix is read again. Prints both, their ratio (target ≤ 1.2×) and the load average.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, setDatabase, type Db } from "@/db/client";
import { applyMigrations } from "@/db/migrate-lib";
import { getMatrix } from "@/lib/domain/matrix/queries/matrix";
import { parseMatrixParams } from "@/lib/domain/matrix/model/params";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { applyStatusMix, datasets, generateDataset } from "./dataset";
import { fmt, stats, time } from "./stats";

const OTHER_RELEASES = 9;
const RUNS = 15;

async function main() {
  let url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let throwaway: string | undefined;
  if (!url) {
    const out = execFileSync("bash", ["scripts/pg-throwaway.sh", "start"], { encoding: "utf8" });
    url = /TEST_DATABASE_URL=(\S+)/.exec(out)![1];
    throwaway = /PG_THROWAWAY_DIR=(\S+)/.exec(out)![1];
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = "runsheet_bench_overview";
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: u.toString() });
  setDatabase(handle);
  const db = handle.db as Db;
  try {
    await applyMigrations(db, "postgres");
    const { releaseId, userId } = await generateDataset(db, datasets.large);
    await db.execute(sql`update releases set status = 'active', activated_at = now() where id = ${releaseId}`);
    await db.execute(sql`insert into release_customers (release_id, customer_id, membership) select ${releaseId}, id, 'included' from customers`);
    await copyTemplatesToCustomers(db, { releaseId, origin: "activation" });
    await applyStatusMix(db, releaseId, userId);
    await db.execute(sql`vacuum analyze`);
    const params = parseMatrixParams({});
    const measure = async () => {
      for (let i = 0; i < 3; i++) await getMatrix(releaseId, params, db);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) samples.push((await time(() => getMatrix(releaseId, params, db)))[0]);
      return stats(samples);
    };
    const alone = await measure();
    const [{ steps }] = (await db.execute(sql`select count(*)::int as steps from customer_steps`)) as unknown as Array<{ steps: number }>;
    console.error(`alone: ${steps} steps in the table; matrix median ${fmt(alone.median)} ms`);

    // Nine more releases of the same shape, activated for every customer, after this one.
    for (let r = 0; r < OTHER_RELEASES; r++) {
      await db.execute(sql`
        with rel as (
          insert into releases (name, type, version_number, release_date, description, status, activated_at)
          values (${`other-release-${r}`}, 'release', ${`v8.${r}.0`}, '2026-11-01', '', 'active', now()) returning id
        )
        insert into step_templates (release_id, name, category, type, content, order_index)
        select rel.id, t.name, t.category, t.type, t.content, t.order_index from step_templates t, rel where t.release_id = ${releaseId}
      `);
    }
    await db.execute(sql`
      insert into release_customers (release_id, customer_id, membership)
      select r.id, c.id, 'included' from releases r cross join customers c where r.name like 'other-release-%'
    `);
    await db.execute(sql`
      insert into customer_steps (release_id, customer_id, template_id, name, category, type, content, description, order_index, origin, is_custom, status)
      select t.release_id, c.id, t.id, t.name, t.category, t.type, t.content, t.description, t.order_index, 'activation', false,
             case when (c.id + t.id) % 3 = 0 then 'done'::step_status else 'pending'::step_status end
      from step_templates t join releases r on r.id = t.release_id and r.name like 'other-release-%' cross join customers c
    `);
    await db.execute(sql`vacuum analyze`);
    const [{ total }] = (await db.execute(sql`select count(*)::int as total from customer_steps`)) as unknown as Array<{ total: number }>;
    const crowded = await measure();
    console.log(`\nmatrix overview (default view, deploy) of one release of ${steps} steps, Postgres, load ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
    console.log(`  the release alone in the table          median ${fmt(alone.median)} ms   p95 ${fmt(alone.p95)} ms`);
    console.log(`  with ${total - steps} steps of ${OTHER_RELEASES} other releases  median ${fmt(crowded.median)} ms   p95 ${fmt(crowded.p95)} ms`);
    console.log(`  ratio ${(crowded.median / alone.median).toFixed(2)}× (target ≤ 1.2×)`);
  } finally {
    await handle.close();
    setDatabase(undefined);
    if (!process.env.KEEP) await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
    if (throwaway) execFileSync("bash", ["scripts/pg-throwaway.sh", "stop", throwaway]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
