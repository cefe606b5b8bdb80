/**
 * `npm run bench [-- --quick] [-- --engine=pglite|postgres]`: builds large data sets and measures
 * what release managers feel, each beside its physical floor measured in the same run, on the
 * embedded database and on real Postgres. A benchmark, never a test: it fails nothing on timing.
 * Prints a table and writes bench-results/<time>.json.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, not, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, setDatabase, type Db } from "@/db/client";
import { customerSteps } from "@/db/schema";
import { applyMigrations } from "@/db/migrate-lib";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { browserLongTasks } from "./browser";
import { applyStatusMix, datasets, generateDataset, type DatasetSize } from "./dataset";
import { rawActivationInsert, rawMatrix, rawVersionedUpdate } from "./floors";
import { actionId, callAction, signIn, startServer, timedGet } from "./http";
import { fmt, stats, time, type Stats } from "./stats";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const engineArg = args.find((a) => a.startsWith("--engine="))?.split("=")[1];
const engines = (engineArg ? [engineArg] : ["pglite", "postgres"]) as Array<"pglite" | "postgres">;
const sets: DatasetSize[] = quick ? [datasets.medium] : [datasets.medium, datasets.large];
const PASSWORD = "bench-password-123";
const PORT = 3190;

type Row = { metric: string; median: number; p95: number; floor?: number; ratio?: number; unit: string; target: string; extra?: string };
type Result = { engine: string; dataset: string; rows: Row[]; raw: Record<string, unknown> };

async function resetActivation(db: Db, releaseId: number) {
  await db.execute(sql`delete from customer_steps where release_id = ${releaseId}`);
  await db.execute(sql`delete from release_customers where release_id = ${releaseId}`);
  await db.execute(sql`update releases set status = 'draft', activated_at = null, scope = 'all' where id = ${releaseId}`);
}

let pgAdminUrl: string | undefined;
let pgThrowaway: string | undefined;
function postgresUrl(): string {
  if (pgAdminUrl) return pgAdminUrl;
  pgAdminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!pgAdminUrl) {
    const out = execFileSync("bash", ["scripts/pg-throwaway.sh", "start"], { encoding: "utf8" });
    pgAdminUrl = /TEST_DATABASE_URL=(\S+)/.exec(out)![1];
    pgThrowaway = /PG_THROWAWAY_DIR=(\S+)/.exec(out)![1];
  }
  return pgAdminUrl;
}

async function openBenchDb(engine: "pglite" | "postgres", set: DatasetSize) {
  if (engine === "pglite") {
    const dir = path.resolve("bench-results/tmp", `pglite-${set.name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return { handle: openDatabase({ dataDir: dir }), serverEnv: { DATA_DIR: dir, DATABASE_URL: "" } };
  }
  const admin = postgres(postgresUrl(), { max: 1, onnotice: () => {} });
  const name = `runsheet_bench_${set.name}`;
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(postgresUrl());
  u.pathname = `/${name}`;
  return { handle: openDatabase({ databaseUrl: u.toString() }), serverEnv: { DATABASE_URL: u.toString() } };
}

async function benchOne(engine: "pglite" | "postgres", set: DatasetSize): Promise<Result> {
  const log = (msg: string) => console.error(`[${engine}/${set.name}] ${msg}`);
  const { handle, serverEnv } = await openBenchDb(engine, set);
  setDatabase(handle);
  const db = handle.db;
  await applyMigrations(db, engine);
  log("generating data set");
  const { releaseId, userId } = await generateDataset(db, set);
  await db.execute(sql`update users set password_hash = ${await hashPassword(PASSWORD)} where id = ${userId}`);
  const actor: Actor = { id: userId, name: "Bench Runner", email: "bench@runsheet.local", role: "release_manager" };
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};

  // 1. Activation vs one raw INSERT … SELECT of the same rows.
  const runs = quick ? 3 : 5;
  const app: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    await resetActivation(db, releaseId);
    floor.push((await time(() => rawActivationInsert(db, releaseId)))[0]);
    await resetActivation(db, releaseId);
    const [ms, result] = await time(() => activateRelease({ id: releaseId, mode: "all" } as never, actor));
    app.push(ms);
    raw.stepsCreated = (result as { stepsCreated: number }).stepsCreated;
  }
  rows.push(ratioRow(`activation (${raw.stepsCreated} steps)`, stats(app), stats(floor), "ms", "≤ 1.3× floor"));
  log(`activation ${fmt(stats(app).median)} ms vs floor ${fmt(stats(floor).median)} ms`);

  await applyStatusMix(db, releaseId, userId);
  // The loop above deleted and refilled the release's steps several times: without this the
  // table is ~8× its size and every scan reads dead rows, which a real release (activated once)
  // never has. Vacuum full gives the steady state the views are measured in.
  await db.execute(sql`vacuum full customer_steps`);
  await db.execute(sql`vacuum analyze`);

  // Floors measured in-process before the server opens the database (PGlite: one process only).
  const matrixFloor: number[] = [];
  let matrixFloorBytes = 0;
  for (let i = 0; i < (quick ? 5 : 10); i++) {
    const [ms, r] = await time(() => rawMatrix(db, releaseId, "deploy"));
    matrixFloor.push(ms);
    matrixFloorBytes = r.bytes;
  }
  const pending = await db
    .select({ id: customerSteps.id, version: customerSteps.version, customer_id: customerSteps.customerId })
    .from(customerSteps)
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.status, "pending"), not(customerSteps.isCustom)))
    .orderBy(customerSteps.id)
    .limit(400);
  const updateFloor: number[] = [];
  for (const step of pending.slice(300, 350)) updateFloor.push((await time(() => rawVersionedUpdate(db, step.id, step.version)))[0]);
  const work = pending.slice(0, 300);
  await handle.close();
  setDatabase(undefined);

  // 2–6 against the production server.
  log("starting the production server");
  const server = await startServer({ port: PORT, env: { ...serverEnv, AUTH_SECRET: "bench-secret-bench-secret-bench-secret!", NEXTAUTH_URL: `http://127.0.0.1:${PORT}` } });
  try {
    const cookie = await signIn(server.url, "bench@runsheet.local", PASSWORD);
    const matrixPath = `/releases/${releaseId}/matrix`;
    await timedGet(server.url + matrixPath, cookie); // warm-up: first render compiles nothing, but fills caches
    const matrix: number[] = [];
    let matrixBytes = 0;
    for (let i = 0; i < (quick ? 5 : 10); i++) {
      const r = await timedGet(server.url + matrixPath, cookie);
      if (r.status !== 200) throw new Error(`matrix page answered ${r.status}`);
      matrix.push(r.ms);
      matrixBytes = r.bytes;
    }
    rows.push(ratioRow("matrix page (deploy tab)", stats(matrix), stats(matrixFloor), "ms", "≤ 3× floor", `${kib(matrixBytes)} HTML vs ${kib(matrixFloorBytes)} plain table`));
    raw.matrixBytes = matrixBytes;

    await timedGet(server.url + "/", cookie);
    const dash: number[] = [];
    for (let i = 0; i < (quick ? 10 : 20); i++) dash.push((await timedGet(server.url + "/", cookie)).ms);
    rows.push({ metric: "dashboard", ...pick(stats(dash)), unit: "ms", target: set.name === "large" ? "p95 ≤ 200 ms" : "(target on large)" });

    // Step mutations over HTTP at 1, 4 and 16 concurrent clients, vs the versioned update alone.
    const ids = {
      done: actionId("lib/domain/steps/actions.ts", "markStepDoneAction"),
      skip: actionId("lib/domain/steps/actions.ts", "skipStepAction"),
      override: actionId("lib/domain/steps/actions.ts", "overrideStepAction"),
    };
    let next = 0;
    let maxBytes = 0;
    let failures = 0;
    for (const clients of [1, 4, 16]) {
      const perClient = clients === 1 ? 30 : clients === 4 ? 10 : 4;
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let i = 0; i < perClient; i++) {
            const step = work[next++];
            const kind = next % 3 === 0 ? "skip" : next % 3 === 1 ? "done" : "override";
            const arg =
              kind === "skip"
                ? { stepId: step.id, version: step.version, reason: "Not needed for this tenant", from: "matrix" }
                : kind === "override"
                  ? { stepId: step.id, version: step.version, content: `echo override ${step.id}`, from: "matrix" }
                  : { stepId: step.id, version: step.version, notes: "bench", from: "matrix" };
            const r = await callAction({ url: server.url, path: matrixPath, id: ids[kind], cookie, args: [arg] });
            if (r.status !== 200 || !r.body.includes('"ok":true')) failures++;
            latencies.push(r.ms);
            maxBytes = Math.max(maxBytes, r.bytes);
          }
        }),
      );
      rows.push(
        ratioRow(`step mutation, ${clients} client${clients > 1 ? "s" : ""}`, stats(latencies), stats(updateFloor), "ms", clients === 16 ? "p95 ≤ 50 ms" : "", `max response ${kib(maxBytes)}`),
      );
    }
    raw.mutationFailures = failures;
    raw.maxMutationResponseBytes = maxBytes;

    log("browser: long tasks on the matrix");
    const longest = await browserLongTasks({ url: server.url + matrixPath, cookie });
    rows.push({ metric: "browser longest task (open, scroll, click)", median: longest.longest, p95: longest.longest, unit: "ms", target: "≤ 200 ms", extra: longest.detail });
    rows.push({ metric: "server peak RSS", median: server.peakRssMb(), p95: server.peakRssMb(), unit: "MB", target: engine === "postgres" ? "≤ 250 MB" : "≤ 500 MB" });
  } finally {
    await server.stop();
  }
  return { engine, dataset: set.name, rows, raw };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const pick = (s: Stats) => ({ median: s.median, p95: s.p95 });
function ratioRow(metric: string, app: Stats, floor: Stats, unit: string, target: string, extra?: string): Row {
  return { metric, ...pick(app), floor: floor.median, ratio: app.median / floor.median, unit, target, extra };
}

function printTable(results: Result[]) {
  for (const r of results) {
    console.log(`\n${r.engine} · ${r.dataset}`);
    console.log(`${"metric".padEnd(44)} ${"median".padStart(9)} ${"p95".padStart(9)} ${"floor".padStart(9)} ${"ratio".padStart(7)}  target / notes`);
    for (const row of r.rows) {
      console.log(
        `${row.metric.padEnd(44)} ${(fmt(row.median) + (row.unit === "MB" ? "MB" : "ms")).padStart(9)} ${(fmt(row.p95) + (row.unit === "MB" ? "MB" : "ms")).padStart(9)} ${(row.floor !== undefined ? fmt(row.floor) + "ms" : "").padStart(9)} ${(row.ratio !== undefined ? row.ratio.toFixed(2) + "×" : "").padStart(7)}  ${[row.target, row.extra].filter(Boolean).join(" · ")}`,
      );
    }
  }
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) {
    console.error("No production build: running next build first…");
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  process.env.BCRYPT_COST = "4";
  const results: Result[] = [];
  try {
    for (const engine of engines) for (const set of sets) results.push(await benchOne(engine, set));
  } finally {
    if (pgThrowaway) execFileSync("bash", ["scripts/pg-throwaway.sh", "stop", pgThrowaway]);
  }
  printTable(results);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  mkdirSync("bench-results", { recursive: true });
  const file = path.join("bench-results", `${new Date().toISOString().replace(/[:.]/g, "-")}${quick ? "-quick" : ""}.json`);
  writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), quick, machine, results }, null, 2));
  console.log(`\nWritten ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
