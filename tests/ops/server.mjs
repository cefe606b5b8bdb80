/**
 * The standalone check's server side: assemble the image's /app from the standalone build, and
 * start/stop it through the container's entrypoint. Used by scripts/standalone-check.mjs.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function assemble(root, app) {
  if (!existsSync(path.join(root, ".next/standalone/server.js"))) {
    console.log("No standalone build found: running next build…");
    const r = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) throw new Error("next build failed");
  }
  // Mirrors the Dockerfile's runtime COPY lines.
  cpSync(path.join(root, ".next/standalone"), app, { recursive: true, verbatimSymlinks: true });
  cpSync(path.join(root, ".next/static"), path.join(app, ".next/static"), { recursive: true });
  if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(app, "public"), { recursive: true });
  cpSync(path.join(root, "drizzle"), path.join(app, "drizzle"), { recursive: true });
  cpSync(path.join(root, "scripts/docker-entrypoint.sh"), path.join(app, "docker-entrypoint.sh"));
  cpSync(path.join(root, "scripts/healthcheck.mjs"), path.join(app, "healthcheck.mjs"));
  const r = spawnSync("node", [path.join(root, "scripts/bundle-ops.mjs"), path.join(app, "dist")], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error("bundling dist/ops.mjs and dist/serve.mjs failed");
}

/** The runtime stage's ENV lines, so the check runs with the image's environment. */
export function dockerfileEnv(root) {
  const text = readFileSync(path.join(root, "Dockerfile"), "utf8");
  const runtime = text.slice(text.lastIndexOf("\nFROM "));
  const env = {};
  for (const m of runtime.matchAll(/^ENV\s+(.+(?:\\\n.+)*)$/gm)) {
    for (const pair of m[1].replace(/\\\n/g, " ").matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g)) env[pair[1]] = pair[2].replace(/^"|"$/g, "");
  }
  return env;
}

// ── the server, started as the container starts it ──────────────────────────────────────────
export function startServer({ app, work, running }, label, env) {
  const logFile = path.join(work, `${label}.log`);
  const fd = openSync(logFile, "a");
  const started = Date.now();
  const child = spawn("sh", [path.join(app, "docker-entrypoint.sh")], { cwd: "/", env, stdio: ["ignore", fd, fd] });
  running.add(child);
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited, started, logFile, base: `http://127.0.0.1:${env.PORT}` };
}

export async function waitHealthy(server, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  void server.exited.then(() => (exitedEarly = true));
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`server exited before it was healthy; log:\n${tail(server.logFile)}`);
    try {
      const res = await fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        const body = await res.json();
        return { ms: Date.now() - server.started, body };
      }
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`not healthy after ${timeoutMs} ms; log:\n${tail(server.logFile)}`);
}

export function tail(file, lines = 25) {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

export async function stop(server, { signal = "SIGTERM", withinMs = 10_000 } = {}) {
  const t = Date.now();
  server.child.kill(signal);
  const result = await Promise.race([server.exited, sleep(withinMs).then(() => null)]);
  if (!result) {
    server.child.kill("SIGKILL");
    await server.exited;
    throw new Error(`did not exit within ${withinMs} ms of ${signal}; log:\n${tail(server.logFile)}`);
  }
  return { ...result, ms: Date.now() - t };
}
