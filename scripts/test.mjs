#!/usr/bin/env node
/**
 * `npm test`: every test. Unit and integration tests (PGlite, and real Postgres when
 * TEST_DATABASE_URL is set), then a production build and the Playwright suite in Debian's
 * Chromium. Ends with one plain line, "N passed, N failed, N skipped", from both runners'
 * JSON reports, and a non-zero exit if anything failed or a runner could not run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
mkdirSync("reports", { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n── ${label}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

// 0. The type check (builds skip it: see next.config.ts). Not a test, but a failure fails the run.
if (!run("type check", "npm", ["run", "--silent", "typecheck"])) broken = true;

// 1. vitest: unit + integration (both engines when TEST_DATABASE_URL is set).
rmSync("reports/vitest.json", { force: true });
const vitestOk = run("unit and integration tests", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=reports/vitest.json",
]);
const vitest = readJson("reports/vitest.json");
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if (!vitestOk && !vitest.numFailedTests) broken = true; // e.g. a file that failed to load
} else broken = true;
if (!process.env.TEST_DATABASE_URL) {
  console.log("\nNote: TEST_DATABASE_URL is not set, so the integration suite ran on PGlite only.");
}

// 2. e2e: never silently skipped when the browser is missing.
const chromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
if (!chromium) {
  console.error(
    "\nChromium was not found, so the browser tests cannot run.\n" +
      "Install it with: apt-get update && apt-get install -y chromium   (or set CHROMIUM_PATH)",
  );
  broken = true;
} else if (!run("production build", "npx", ["next", "build"])) {
  broken = true;
} else {
  rmSync("reports/playwright.json", { force: true });
  const e2eOk = run("browser tests (Playwright, production build)", "npx", ["playwright", "test"], { CHROMIUM_PATH: chromium });
  const pw = readJson("reports/playwright.json");
  if (pw?.stats) {
    totals.passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
    totals.failed += pw.stats.unexpected ?? 0;
    totals.skipped += pw.stats.skipped ?? 0;
    if (!e2eOk && !pw.stats.unexpected) broken = true;
    if (pw.errors?.length) broken = true;
  } else broken = true;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (broken) console.log("The type check failed or a test runner could not complete (see above).");
process.exit(totals.failed > 0 || broken ? 1 : 0);
