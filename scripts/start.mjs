#!/usr/bin/env node
/**
 * `npm start`: build if there is no production build, migrate (and seed demo data into an empty
 * embedded database), then serve. Migration runs in its own process that exits before the server
 * opens the database: the embedded database must never be held by two processes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { prepareStandalone, serveStandalone } from "./standalone.mjs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT ?? "3000";

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

prepareStandalone();

// The quick start shows a live product: demo data goes into an empty embedded database unless
// SEED_DEMO=false. Against an external Postgres it is only loaded when SEED_DEMO=true.
const seed = process.env.SEED_DEMO === "true" || (!process.env.DATABASE_URL && process.env.SEED_DEMO !== "false");
// Migrations run as DATABASE_URL's user; on Postgres the server then runs as the least-privilege
// runtime role when the migrations could create it (DATABASE_ROLE overrides, "none" disables).
const roleFile = path.join(mkdtempSync(path.join(tmpdir(), "runsheet-")), "role");
run("node", ["--import", "tsx", "lib/ops/cli.ts", "migrate", "--role-file", roleFile, ...(seed ? ["--seed-if-empty"] : [])]);
process.env.DATABASE_ROLE ||= readFileSync(roleFile, "utf8");
rmSync(path.dirname(roleFile), { recursive: true, force: true });

if (!process.env.AUTH_SECRET && !process.env.NEXTAUTH_SECRET) {
  // Local quick start only; the container entrypoint refuses to start without a real secret.
  process.env.AUTH_SECRET = "local-quick-start-secret-change-me-in-production";
  console.warn("AUTH_SECRET is not set: using a local development secret. Set AUTH_SECRET in production.");
}
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

// All interfaces, as `next start` did (a shell's HOSTNAME is the machine name, not an address).
const server = serveStandalone({ ...process.env, PORT: port, HOSTNAME: "0.0.0.0" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
