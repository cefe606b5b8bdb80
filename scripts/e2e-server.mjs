#!/usr/bin/env node
/**
 * The server Playwright tests run against: the production build (`next start`) on a fresh
 * embedded database of its own, migrated and seeded with demo data. Never shares a data
 * directory with any other process.
 */
import { spawnSync } from "node:child_process";
import { prepareStandalone, serveStandalone } from "./standalone.mjs";
import { mkdtempSync, mkdirSync } from "node:fs";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3100";
mkdirSync(".e2e-data", { recursive: true });
const dataDir = mkdtempSync(path.join(".e2e-data", "db-"));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-0123",
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  BCRYPT_COST: "6",
  // The tests' webhook receivers listen on this machine: allowed here as an operator would allow
  // an internal range (every other private address stays refused, which the tests check).
  WEBHOOK_ALLOW_PRIVATE: "127.0.0.1/32",
};
delete env.DATABASE_URL;

const migrate = spawnSync("node", ["--import", "tsx", "lib/ops/cli.ts", "migrate", "--seed-if-empty"], { stdio: "inherit", env });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// The server the container runs (standalone output + lib/runtime/serve.ts), not `next start`.
prepareStandalone();
const server = serveStandalone({ ...env, PORT: port, HOSTNAME: "127.0.0.1" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
