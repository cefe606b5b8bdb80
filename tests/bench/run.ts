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
import { and, desc, eq, not, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, setDatabase, type Db } from "@/db/client";
import { customerSteps } from "@/db/schema";
import { applyMigrations } from "@/db/migrate-lib";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { browserLongTasks, browserPhases, type BrowserRun } from "./browser";
import { applyStatusMix, datasets, generateDataset, type DatasetSize } from "./dataset";
import { rawActivationInsert, rawBulkUpdate, rawCampaignStep, rawMatrix, rawOverview, rawVersionedUpdate } from "./floors";
import { actionId, answerOverhead, callActionForm, callActionJson, signIn, startServer, timedGet, treeCpuMs } from "./http";
import { fmt, stats, time, type Stats } from "./stats";
import { benchAgents } from "./agents";
import { benchFleet } from "./fleet";
import { benchManifests } from "./manifests";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const engineArg = args.find((a) => a.startsWith("--engine="))?.split("=")[1];
const engines = (engineArg ? [engineArg] : ["pglite", "postgres"]) as Array<"pglite" | "postgres">;
const sets: DatasetSize[] = quick ? [datasets.medium] : [datasets.medium, datasets.large];
/** `--scenario=agents` / `--scenario=fleet` / `--scenario=manifests`: only that scenario. */
const onlyAgents = args.includes("--scenario=agents");
const onlyFleet = args.includes("--scenario=fleet");
const onlyManifests = args.includes("--scenario=manifests");
const PASSWORD = "bench-password-123";
const PORT = 3190;

type Row = { metric: string; median: number; p95: number; floor?: number; ratio?: number; unit: string; target: string; extra?: string };
type Result = { engine: string; dataset: string; rows: Row[]; raw: Record<string, unknown>; load?: string };

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
  // The default view of a large release: per step × cluster counts (clusters collapsed).
  const overviewFloor: number[] = [];
  let overviewFloorBytes = 0;
  for (let i = 0; i < (quick ? 5 : 10); i++) {
    const [ms, r] = await time(() => rawOverview(db, releaseId, "deploy"));
    overviewFloor.push(ms);
    overviewFloorBytes = r.bytes;
  }
  const pending = await db
    .select({ id: customerSteps.id, version: customerSteps.version, customer_id: customerSteps.customerId })
    .from(customerSteps)
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.status, "pending"), not(customerSteps.isCustom)))
    .orderBy(customerSteps.id)
    .limit(800);
  const updateFloor: number[] = [];
  for (const step of pending.slice(700, 750)) updateFloor.push((await time(() => rawVersionedUpdate(db, step.id, step.version)))[0]);
  const work = pending.slice(0, 700);
  // Bulk across customers and campaign mode (issue 19): rows of their own, from the other end.
  const pool = await db
    .select({ id: customerSteps.id, version: customerSteps.version, templateId: customerSteps.templateId })
    .from(customerSteps)
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.status, "pending"), not(customerSteps.isCustom)))
    .orderBy(desc(customerSteps.id))
    .limit(4_200);
  const bulkRuns = quick ? 1 : 2;
  const bulkSize = Math.min(2_000, Math.floor((pool.length - 200) / (2 * bulkRuns)));
  const bulkFloor: number[] = [];
  for (let r = 0; r < bulkRuns; r++) bulkFloor.push((await time(() => rawBulkUpdate(db, releaseId, pool.slice(r * bulkSize, (r + 1) * bulkSize))))[0]);
  const bulkWork = Array.from({ length: bulkRuns }, (_, r) => pool.slice((bulkRuns + r) * bulkSize, (bulkRuns + r + 1) * bulkSize));
  const campaignPool = pool.slice(2 * bulkRuns * bulkSize);
  const campaignFloor: number[] = [];
  for (let i = 0; i < 40 && i + 1 < campaignPool.length / 2; i++) {
    const step = campaignPool[100 + i];
    campaignFloor.push((await time(() => rawCampaignStep(db, step.id, step.version, campaignPool[101 + i].id)))[0]);
  }
  const campaignWork = campaignPool.slice(0, 41);
  await handle.close();
  setDatabase(undefined);

  // 2–7 against the production server.
  log("starting the production server");
  const serverEnvFull = { ...serverEnv, AUTH_SECRET: "bench-secret-bench-secret-bench-secret!", NEXTAUTH_URL: `http://127.0.0.1:${PORT}` };
  const server = await startServer({ port: PORT, env: serverEnvFull });
  let second: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const cookie = await signIn(server.url, "bench@runsheet.local", PASSWORD);
    const peakAt: Record<string, number> = {};
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
    rows.push(ratioRow("matrix page (deploy, clusters collapsed)", stats(matrix), stats(overviewFloor), "ms", "≤ 3× floor", `${kib(matrixBytes)} HTML vs ${kib(overviewFloorBytes)} plain table`));
    const openAll: number[] = [];
    let openAllBytes = 0;
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      const r = await timedGet(`${server.url}${matrixPath}?open=all`, cookie);
      openAll.push(r.ms);
      openAllBytes = r.bytes;
    }
    rows.push(ratioRow("matrix page (deploy, every cluster open)", stats(openAll), stats(matrixFloor), "ms", "≤ 3× floor", `${kib(openAllBytes)} HTML vs ${kib(matrixFloorBytes)} plain table`));
    raw.matrixBytes = matrixBytes;

    await timedGet(server.url + "/", cookie);
    const dash: number[] = [];
    for (let i = 0; i < (quick ? 10 : 20); i++) dash.push((await timedGet(server.url + "/", cookie)).ms);
    rows.push({ metric: "dashboard", ...pick(stats(dash)), unit: "ms", target: set.name === "large" ? "p95 ≤ 200 ms" : "(target on large)" });
    peakAt.pages = server.peakRssMb();

    const ids = {
      done: actionId("lib/domain/steps/actions.ts", "markStepDoneAction"),
      skip: actionId("lib/domain/steps/actions.ts", "skipStepAction"),
      override: actionId("lib/domain/steps/actions.ts", "overrideStepAction"),
      activate: actionId("lib/domain/releases/actions.ts", "activateReleaseAction"),
      bulk: actionId("lib/domain/steps/actions.ts", "bulkChangeAction"),
      detail: actionId("lib/domain/steps/actions.ts", "loadStepDetailAction"),
    };
    let next = 0;
    const take = () => {
      const step = work[next++];
      if (!step) throw new Error("the bench ran out of pending steps");
      return step;
    };

    // Server CPU per request over one keep-alive connection: the health route (the floor: session-
    // less, one tiny query) vs mark done as the browser sends it (multipart, from the matrix's panel
    // and from the customer checklist). Sequential, so the CPU is the request's own.
    const cpuPer = async (n: number, fn: () => Promise<unknown>) => {
      const before = treeCpuMs(server.proc.pid!);
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await fn();
      return { cpu: (treeCpuMs(server.proc.pid!) - before) / n, wall: (performance.now() - t0) / n };
    };
    for (let i = 0; i < 20; i++) await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
    const health = await cpuPer(quick ? 100 : 200, () => fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer()));
    const sizes: Record<string, { max: number; overhead: number; encoding: string | null }> = {};
    const markDoneFrom = (page: "matrix" | "checklist") => async () => {
      const step = take();
      const path = page === "matrix" ? matrixPath : `/releases/${releaseId}/customers/${step.customer_id}`;
      const r = await callActionForm({ url: server.url, path, id: ids.done, cookie, fields: { stepId: step.id, version: step.version, notes: "", from: page } });
      if (r.status !== 200 || !r.body.includes('"ok":true')) throw new Error(`mark done from the ${page} failed: ${r.status} ${r.body.slice(0, 300)}`);
      const s = (sizes[page] ??= { max: 0, overhead: 0, encoding: r.encoding });
      s.max = Math.max(s.max, r.bytes);
      s.overhead = Math.max(s.overhead, answerOverhead(r.body));
    };
    const n = quick ? 30 : 60;
    // Warmed up like the health route: the steady state, not the first calls' compilation.
    for (let i = 0; i < 10; i++) await markDoneFrom("matrix")();
    for (let i = 0; i < 10; i++) await markDoneFrom("checklist")();
    const fromMatrix = await cpuPer(n, markDoneFrom("matrix"));
    const fromChecklist = await cpuPer(n, markDoneFrom("checklist"));
    // What any server action costs before the domain does anything: the same mark done, refused
    // by its input check after the session is established (no step id). The gap between this and
    // the health route is the framework's action pipeline, which no domain change can remove.
    const refused = await cpuPer(n, async () => {
      const r = await callActionForm({ url: server.url, path: matrixPath, id: ids.done, cookie, fields: { version: 1, notes: "", from: "matrix" } });
      if (r.status !== 200 || !r.body.includes('"invalid_input"')) throw new Error(`the refused action answered ${r.status} ${r.body.slice(0, 300)}`);
    });
    rows.push({ metric: "server CPU: health route (floor)", median: health.cpu, p95: health.cpu, unit: "ms", target: "", extra: `wall ${fmt(health.wall)} ms` });
    rows.push({
      metric: "server CPU: an action refused by its input check",
      median: refused.cpu,
      p95: refused.cpu,
      floor: health.cpu,
      ratio: refused.cpu / health.cpu,
      unit: "ms",
      target: "(the framework's share)",
      extra: `wall ${fmt(refused.wall)} ms · session checked, no domain work`,
    });
    for (const [label, m, page] of [
      ["matrix", fromMatrix, "matrix"],
      ["customer page", fromChecklist, "checklist"],
    ] as const) {
      rows.push({
        metric: `server CPU: mark done from the ${label}`,
        median: m.cpu,
        p95: m.cpu,
        floor: health.cpu,
        ratio: m.cpu / health.cpu,
        unit: "ms",
        target: "≤ 1.5× health",
        extra: `wall ${fmt(m.wall)} ms · answer ≤ ${sizes[page].max} B, ${sizes[page].overhead} B besides the step's content (≤ 2 KB)${sizes[page].encoding ? ` · ${sizes[page].encoding}` : ""}`,
      });
    }
    raw.sizes = sizes;

    // Step mutations over HTTP at 1, 4 and 16 concurrent clients, vs the versioned update alone.
    let maxBytes = 0;
    let failures = 0;
    const concurrent = async (clients: number, perClient: number, urls: string[]) => {
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          for (let i = 0; i < perClient; i++) {
            const step = take();
            const kind = next % 3 === 0 ? "skip" : next % 3 === 1 ? "done" : "override";
            const fields: Record<string, string | number> =
              kind === "skip"
                ? { stepId: step.id, version: step.version, reason: "Not needed for this tenant", from: "matrix" }
                : kind === "override"
                  ? { stepId: step.id, version: step.version, content: `echo override ${step.id}`, from: "matrix" }
                  : { stepId: step.id, version: step.version, notes: "bench", from: "matrix" };
            const r = await callActionForm({ url: urls[c % urls.length], path: matrixPath, id: ids[kind], cookie, fields });
            if (r.status !== 200 || !r.body.includes('"ok":true')) failures++;
            latencies.push(r.ms);
            maxBytes = Math.max(maxBytes, r.bytes);
          }
        }),
      );
      return stats(latencies);
    };
    for (const clients of [1, 4, 16]) {
      const perClient = clients === 1 ? 30 : clients === 4 ? 10 : 6;
      const load = os.loadavg()[0];
      rows.push(
        ratioRow(`step mutation, ${clients} client${clients > 1 ? "s" : ""}, 1 process`, await concurrent(clients, perClient, [server.url]), stats(updateFloor), "ms", clients === 16 ? "p95 ≤ 100 ms" : "", `max response ${kib(maxBytes)} · load ${load.toFixed(2)}`),
      );
    }
    if (engine === "postgres") {
      // Scale-out: a second process on the same database, clients split between the two.
      log("starting a second server process on the same database");
      second = await startServer({ port: PORT + 1, env: { ...serverEnvFull, NEXTAUTH_URL: `http://127.0.0.1:${PORT + 1}` } });
      for (let i = 0; i < 5; i++) await fetch(`${second.url}${matrixPath}`, { headers: { Cookie: cookie } }).then((r) => r.arrayBuffer());
      const load = os.loadavg()[0];
      rows.push(ratioRow("step mutation, 16 clients, 2 processes", await concurrent(16, 6, [server.url, second.url]), stats(updateFloor), "ms", "p95 ≤ 50 ms", `load ${load.toFixed(2)}`));
      await second.stop();
      second = undefined;
    }
    raw.mutationFailures = failures;
    peakAt.mutations = server.peakRssMb();

    // Bulk across customers: 2,000 cells marked done in one confirmed change, as the matrix sends it.
    const bulk: number[] = [];
    let bulkBytes = 0;
    for (const steps of bulkWork) {
      const r = await callActionJson({ url: server.url, path: matrixPath, id: ids.bulk, cookie, args: { releaseId, change: "done", steps: steps.map((s) => ({ stepId: s.id, version: s.version })), reason: "", notes: "bench" } });
      if (r.status !== 200 || !r.body.includes('"ok":true')) throw new Error(`bulk mark done failed: ${r.status} ${r.body.slice(0, 300)}`);
      bulk.push(r.ms);
      bulkBytes = r.bytes;
    }
    rows.push(ratioRow(`bulk mark done (${bulkSize} cells, HTTP)`, stats(bulk), stats(bulkFloor), "ms", "≤ 3× floor", `answer ${kib(bulkBytes)}`));
    peakAt.bulk = server.peakRssMb();

    // Campaign mode, one key per customer: mark this one done, load the next one's step.
    const campaignPath = `/releases/${releaseId}/steps/${campaignWork[0]?.templateId}/campaign`;
    const campaign: number[] = [];
    for (let i = 0; i + 1 < campaignWork.length; i++) {
      const step = campaignWork[i];
      const t0 = performance.now();
      const done = await callActionJson({ url: server.url, path: campaignPath, id: ids.done, cookie, args: { stepId: step.id, version: step.version, notes: "", from: "matrix" } });
      const next = await callActionJson({ url: server.url, path: campaignPath, id: ids.detail, cookie, args: { stepId: campaignWork[i + 1].id } });
      if (!done.body.includes('"ok":true') || !next.body.includes('"ok":true')) throw new Error(`campaign step failed: ${done.body.slice(0, 200)} ${next.body.slice(0, 200)}`);
      campaign.push(performance.now() - t0);
    }
    rows.push(ratioRow("campaign mode: one customer (done + next step)", stats(campaign), stats(campaignFloor), "ms", "", "two requests, as the page makes them"));
    peakAt.campaign = server.peakRssMb();
    raw.maxMutationResponseBytes = maxBytes;

    log("browser: main-thread work on the matrix");
    peakAt.beforeBrowser = server.peakRssMb();
    const runsB = quick ? 2 : 3;
    const browserRuns: BrowserRun[] = [];
    for (let i = 0; i < runsB; i++) browserRuns.push(await browserLongTasks({ url: server.url + matrixPath, cookie }));
    for (const phase of browserPhases) {
      const longest = stats(browserRuns.map((r) => r.phases[phase]?.longest ?? 0));
      const busy = stats(browserRuns.map((r) => r.phases[phase]?.busy ?? 0));
      rows.push({ metric: `browser: ${phase}`, median: longest.median, p95: longest.max, unit: "ms", target: "longest task ≤ 100 ms", extra: `main thread busy ${fmt(busy.median)} ms (median of ${runsB} runs)` });
    }
    peakAt.browser = server.peakRssMb();

    if (engine === "postgres") {
      // Activation as the dialog sends it, through HTTP: the answer is counts, not a page. The
      // drafts are made through a second connection (Postgres only: PGlite is one process).
      const admin = postgres(serverEnv.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        const act: number[] = [];
        let actBytes = 0;
        for (let i = 0; i < (quick ? 2 : 3); i++) {
          // A fresh draft with the same template steps each time (history is append-only, so the
          // measured release cannot be reset once steps have events).
          const [draft] = await admin.unsafe(`
            with rel as (
              insert into releases (name, type, version_number, release_date, description)
              select name || ' (http ${i})', type, version_number, release_date, description from releases where id = ${releaseId}
              returning id
            ), t as (
              insert into step_templates (release_id, name, category, type, content, order_index)
              select rel.id, s.name, s.category, s.type, s.content, s.order_index from step_templates s, rel where s.release_id = ${releaseId}
            )
            select id from rel`);
          const draftId = Number(draft.id);
          const r = await callActionForm({ url: server.url, path: `/releases/${draftId}`, id: ids.activate, cookie, fields: { id: draftId, mode: "all" } });
          if (!r.body.includes('"ok":true')) throw new Error(`activation over HTTP failed: ${r.body.slice(0, 300)}`);
          act.push(r.ms);
          actBytes = r.bytes;
        }
        rows.push(ratioRow("activation over HTTP (server action)", stats(act), stats(floor), "ms", "", `answer ${actBytes} B`));
        peakAt.activation = server.peakRssMb();
      } finally {
        await admin.end();
      }
    }
    rows.push({
      metric: "server peak RSS",
      median: server.peakRssMb(),
      p95: server.peakRssMb(),
      unit: "MB",
      target: engine === "postgres" ? "≤ 250 MB" : "≤ 500 MB",
      // Where the peak was reached: the high-water mark after each part of the run.
      extra: `peak after ${Object.entries(peakAt).map(([k, v]) => `${k} ${Math.round(v)}`).join(" · ")}`,
    });
    raw.peakAt = peakAt;
  } finally {
    await second?.stop();
    await server.stop();
  }
  return { engine, dataset: set.name, rows, raw, load: os.loadavg().map((l) => l.toFixed(2)).join(" / ") };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const pick = (s: Stats) => ({ median: s.median, p95: s.p95 });
function ratioRow(metric: string, app: Stats, floor: Stats, unit: string, target: string, extra?: string): Row {
  return { metric, ...pick(app), floor: floor.median, ratio: app.median / floor.median, unit, target, extra };
}

function printTable(results: Result[]) {
  for (const r of results) {
    console.log(`\n${r.engine} · ${r.dataset} · load average at the end ${r.load}`);
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
    if (!onlyAgents && !onlyFleet && !onlyManifests) for (const engine of engines) for (const set of sets) results.push(await benchOne(engine, set));
    // The manifest repository: 500 customers published and merged, beside git plumbing alone.
    if (!onlyAgents && !onlyFleet) {
      for (const engine of engines) {
        const dir = path.resolve("bench-results/tmp", "pglite-manifests");
        if (engine === "pglite") {
          rmSync(dir, { recursive: true, force: true });
          mkdirSync(dir, { recursive: true });
        }
        const rows = await benchManifests(engine, engine === "postgres" ? postgresUrl() : null, dir, (m) => console.error(`[${engine}/manifests] ${m}`));
        results.push({ engine, dataset: "manifests", rows, raw: {}, load: os.loadavg().map((l) => l.toFixed(2)).join(" / ") });
      }
    }
    // The fleet from a file: 5,000 customers in one transaction, beside raw INSERT … SELECT.
    if (!onlyAgents && !onlyManifests) {
      for (const engine of engines) {
        const dir = path.resolve("bench-results/tmp", "pglite-fleet");
        if (engine === "pglite") {
          rmSync(dir, { recursive: true, force: true });
          mkdirSync(dir, { recursive: true });
        }
        const rows = await benchFleet(engine, engine === "postgres" ? postgresUrl() : null, dir, (m) => console.error(`[${engine}/fleet] ${m}`));
        results.push({ engine, dataset: "fleet", rows, raw: {}, load: os.loadavg().map((l) => l.toFixed(2)).join(" / ") });
      }
    }
    // Agents (Postgres: two agent processes and the server on one database).
    if (engines.includes("postgres") && !args.includes("--no-agents") && !onlyFleet && !onlyManifests) {
      const rows = await benchAgents(postgresUrl(), (m) => console.error(`[postgres/agents] ${m}`));
      results.push({ engine: "postgres", dataset: "agents", rows, raw: {}, load: os.loadavg().map((l) => l.toFixed(2)).join(" / ") });
    }
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
