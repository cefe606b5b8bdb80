/**
 * The production server as the container runs it (Next's standalone output + lib/runtime/serve.ts:
 * graceful shutdown that closes the database, one log line per request), for `npm start` and the
 * e2e suite: what is tested is what ships, and Next's "next start does not work with output:
 * standalone" warning has no reason to appear.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const standaloneDir = path.join(root, ".next/standalone");

/** Builds if there is no production build, then puts static files where the standalone server reads them. */
export function prepareStandalone() {
  if (!existsSync(path.join(standaloneDir, "server.js"))) {
    console.log("No production build found: building (type checking is npm test's, so this is the build alone)…");
    const r = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  // The Dockerfile's COPY lines: static assets and public/ beside server.js.
  cpSync(path.join(root, ".next/static"), path.join(standaloneDir, ".next/static"), { recursive: true, force: true });
  if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(standaloneDir, "public"), { recursive: true, force: true });
}

/** Starts the standalone server; relative DATA_DIR stays relative to the repository, not the bundle. */
export function serveStandalone(env) {
  const full = {
    ...env,
    NODE_ENV: "production",
    APP_DIR: standaloneDir,
    DATA_DIR: path.resolve(root, env.DATA_DIR ?? "data"),
  };
  return spawn("node", ["--import", "tsx", path.join(root, "lib/runtime/serve.ts")], { cwd: root, stdio: "inherit", env: full });
}
