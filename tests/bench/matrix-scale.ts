/**
 * Scale check for the release matrix (issue 6): 500 customers × 60 steps in 10 clusters.
 *
 *   npm run build && npm run bench:matrix
 *
 * Builds the data set into a fresh PGlite directory (migrate, demo users, generateDataset,
 * activate with copyTemplatesToCustomers, applyStatusMix), starts the production server on it
 * and reports server time (TTFB and last byte) and HTML size for the matrix views, then opens
 * the matrix in Chromium and reports the longest main-thread task on open, scroll, expanding a
 * cluster, opening the side panel and marking a step done. Writes bench-results/matrix-scale.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { openDatabase, setDatabase, type Db } from "@/db/client";
import { clusters, users } from "@/db/schema";
import { applyMigrations } from "@/db/migrate-lib";
import { seedDemoDataIfEmpty } from "@/lib/ops/seed-demo";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { chromiumPath } from "../e2e/support/chromium";
import { applyStatusMix, generateDataset } from "./dataset";
import { signIn, startServer } from "./http";
import { stats, fmt } from "./stats";

const size = { name: "medium" as const, customers: 500, clusters: 10, steps: 60 };
const port = Number(process.env.BENCH_PORT ?? 3195);

async function buildData(dataDir: string) {
  const handle = openDatabase({ dataDir });
  setDatabase(handle);
  const db = handle.db as Db;
  await applyMigrations(db, "pglite");
  await seedDemoDataIfEmpty(db);
  const { releaseId } = await generateDataset(db, size);
  await db.execute(sql`update releases set status = 'active', activated_at = now() where id = ${releaseId}`);
  await db.execute(sql`
    insert into release_customers (release_id, customer_id, membership)
    select ${releaseId}, id, 'included' from customers where name like 'bench-customer-%'
  `);
  const created = await copyTemplatesToCustomers(db, { releaseId, origin: "activation" });
  const [rm] = await db.select({ id: users.id }).from(users).where(eq(users.email, "rm@runsheet.local"));
  await applyStatusMix(db, releaseId, rm.id);
  const [firstCluster] = await db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, "bench-cluster-001"));
  await handle.close();
  setDatabase(undefined);
  return { releaseId, created, clusterId: firstCluster.id };
}

async function timed(url: string, cookie: string) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { Cookie: cookie } });
  const reader = res.body!.getReader();
  let ttfb = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (!ttfb) ttfb = performance.now() - t0;
    if (done) break;
    bytes += value.byteLength;
  }
  return { status: res.status, ttfb, last: performance.now() - t0, bytes };
}

async function longTasks(page: Page, action: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __obs?: PerformanceObserver };
    w.__long = [];
    w.__obs?.disconnect();
    w.__obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration)));
    w.__obs.observe({ type: "longtask", buffered: false });
  });
  await action();
  await page.waitForTimeout(500);
  return page.evaluate(() => Math.max(0, ...(window as unknown as { __long: number[] }).__long));
}

async function main() {
  mkdirSync("bench-results", { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "runsheet-matrix-bench-"));
  const t0 = performance.now();
  const data = await buildData(dataDir);
  console.log(`data: ${size.customers} customers × ${size.steps} steps (${data.created} customer steps) in ${fmt(performance.now() - t0)} ms`);

  const server = await startServer({
    port,
    env: { DATA_DIR: dataDir, DATABASE_URL: undefined, AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123", NEXTAUTH_URL: `http://127.0.0.1:${port}` },
  });
  const results: Record<string, unknown> = { size };
  try {
    const cookie = await signIn(server.url, "rm@runsheet.local", "rm-demo-pass");
    const base = `${server.url}/releases/${data.releaseId}/matrix`;
    const views = {
      "collapsed (default)": base,
      "verify tab": `${base}?category=verify`,
      "one cluster open (50 customers)": `${base}?open=${data.clusterId}`,
      "filtered: pending, work left": `${base}?status=pending&left=1`,
      "everything open (worst case)": `${base}?open=all`,
    };
    const http: Record<string, unknown> = {};
    for (const [name, url] of Object.entries(views)) {
      await timed(url, cookie); // warm
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await timed(url, cookie));
      const row = { ttfbMedian: stats(runs.map((r) => r.ttfb)).median, lastByteMedian: stats(runs.map((r) => r.last)).median, kb: runs[0].bytes / 1024, status: runs[0].status };
      http[name] = row;
      if (process.env.BENCH_SAVE_HTML) {
        const html = await (await fetch(url, { headers: { Cookie: cookie } })).text();
        writeFileSync(`bench-results/matrix-${name.replace(/\W+/g, "-")}.html`, html);
      }
      console.log(`${name.padEnd(34)} TTFB ${fmt(row.ttfbMedian).padStart(6)} ms  last byte ${fmt(row.lastByteMedian).padStart(6)} ms  ${row.kb.toFixed(0).padStart(6)} KB  (${row.status})`);
    }
    results.http = http;

    if (process.env.BENCH_HTTP_ONLY) return;
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, value] = cookie.split("; ").find((c) => c.includes("session-token"))!.split(/=(.*)/s);
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    // Observe from the first paint: register before any script runs.
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: "longtask", buffered: true });
    });
    const browserResults: Record<string, number> = {};
    const open = async (url: string, label: string) => {
      await page.goto(url, { waitUntil: "load" });
      await page.waitForTimeout(800);
      browserResults[label] = await page.evaluate(() => Math.max(0, ...(window as unknown as { __long: number[] }).__long));
    };
    await open(base, "open (collapsed)");
    browserResults["scroll (collapsed)"] = await longTasks(page, async () => {
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 800);
    });
    await open(`${base}?open=${data.clusterId}`, "open (one cluster expanded)");
    browserResults["scroll (one cluster)"] = await longTasks(page, async () => {
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 600);
      for (let i = 0; i < 5; i++) await page.mouse.wheel(600, 0);
    });
    const pendingCell = page.locator("button[data-step].rsm-pending").first();
    await pendingCell.scrollIntoViewIfNeeded();
    browserResults["click cell → panel"] = await longTasks(page, async () => {
      await pendingCell.click();
      await page.getByTestId("panel-status").waitFor();
    });
    const t = performance.now();
    browserResults["mark done (panel → cell)"] = await longTasks(page, async () => {
      await page.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
      await page.getByRole("dialog", { name: /^Mark "/ }).getByRole("button", { name: "Mark done" }).click();
      await page.getByTestId("panel-status").getByText("Done").waitFor();
    });
    browserResults["mark done round trip ms"] = performance.now() - t;
    await open(`${base}?open=all`, "open (everything expanded, worst case)");
    await browser.close();
    results.browser = browserResults;
    for (const [label, ms] of Object.entries(browserResults)) console.log(`${label.padEnd(40)} ${label.endsWith("ms") ? "" : "longest task "}${fmt(ms)} ms`);
    results.peakServerRssMb = server.peakRssMb();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeFileSync("bench-results/matrix-scale.json", JSON.stringify(results, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
