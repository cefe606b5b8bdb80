#!/usr/bin/env node
/**
 * What the container runs, checked without a Docker engine (`npm run ops:check`, a CI step).
 *
 * Assembles the standalone build exactly as the Dockerfile's runtime stage does (standalone
 * output + static assets + public + drizzle/ + the bundled dist/ops.mjs and dist/serve.mjs +
 * the entrypoint), then starts it through scripts/docker-entrypoint.sh with the Dockerfile's ENV
 * and a clean environment:
 *   embedded: temp DATA_DIR → healthy → browser sign-in + a mutation → SIGTERM during requests →
 *             exit 0 → restart → the data survived → kill -9 during a loop of writes → restart
 *             → healthy, and every acknowledged write is there → backup through the bundle
 *   postgres: a fresh database on TEST_DATABASE_URL's server → the same start/mutate/stop/restart
 *   least privilege: compose's default — roles from deploy/postgres, migrate as the owner, serve as
 *             runsheet_app (RESET ROLE gets it nothing more); one container with MIGRATE_DATABASE_URL
 * Prints PASS/FAIL/SKIP lines and "standalone check: N PASS / N FAIL / N SKIP"; exits 1 on any failure.
 * Ports 3150–3159 only. OPS_CHECK_KEEP=1 keeps the assembled app and the server logs.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { chromiumPath, closeBrowser, csrfFor, demo, demoApprovers, httpSignIn, sessionWorks, signInAndMutate, stillThere } from "../tests/ops/clients.mjs";
import { assemble, dockerfileEnv, rssMb, sleep, startServer, stop, tail, waitHealthy } from "../tests/ops/server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const totals = { passed: 0, failed: 0, skipped: 0 };
const metrics = {};
const pass = (name, detail = "") => (totals.passed++, console.log(`PASS ${name}${detail ? ` (${detail})` : ""}`));
const fail = (name, why) => (totals.failed++, console.log(`FAIL ${name}: ${why}`));
const skip = (name, why) => (totals.skipped++, console.log(`SKIP ${name}: ${why}`));
async function check(name, fn) {
  try {
    const detail = await fn();
    pass(name, detail);
    return true;
  } catch (error) {
    fail(name, error instanceof Error ? error.message : String(error));
    return false;
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), "runsheet-ops-"));
const app = path.join(work, "app");
const running = new Set();
let pgAdmin;
const pgDatabases = [];
const ctx = { app, work, running };

async function cleanup() {
  for (const child of running) child.kill("SIGKILL");
  for (const db of pgDatabases) await pgAdmin?.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => {});
  await pgAdmin?.end().catch(() => {});
  if (process.env.OPS_CHECK_KEEP) console.log(`Kept ${work} (server logs: *.log)`);
  else rmSync(work, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

const secret = randomBytes(32).toString("base64");
const actionsKey = randomBytes(32).toString("base64");
function containerEnv(port, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: work,
    ...dockerfileEnv(root),
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    AUTH_SECRET: secret,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionsKey,
    SEED_DEMO: "true",
    BCRYPT_COST: "4",
    ...extra,
  };
}

// ── scenarios ────────────────────────────────────────────────────────────────────────────────
async function envRefusal() {
  await check("entrypoint refuses a bad environment with one message", async () => {
    const env = containerEnv(3159, { AUTH_SECRET: "", DATABASE_URL: "mysql://nope" });
    const r = spawnSync("sh", [path.join(app, "docker-entrypoint.sh")], { env, encoding: "utf8", timeout: 30_000 });
    const out = `${r.stdout}${r.stderr}`;
    if (r.status === 0) throw new Error("it started");
    if (!/AUTH_SECRET/.test(out) || !/DATABASE_URL/.test(out) || !/2 environment variables/.test(out)) throw new Error(`unexpected output:\n${out}`);
    return "AUTH_SECRET and DATABASE_URL listed, exit " + r.status;
  });
}

async function embedded() {
  const port = 3150;
  const dataDir = path.join(work, "data");
  const env = containerEnv(port, { DATA_DIR: dataDir });
  const clusterName = `ops-check-${randomBytes(3).toString("hex")}`;

  let server = startServer(ctx, "embedded-1", env);
  const ready = await check("embedded: starts through the entrypoint and answers /api/health", async () => {
    const { ms, body } = await waitHealthy(server);
    if (body.database?.engine !== "pglite") throw new Error(`engine is ${body.database?.engine}`);
    metrics.embeddedFirstStartMs = ms;
    return `fresh data directory, migrated and seeded, healthy after ${ms} ms`;
  });
  if (!ready) return;
  await check("embedded: the health check script the image uses passes", async () => {
    const r = spawnSync("node", [path.join(app, "healthcheck.mjs")], { env, timeout: 10_000 });
    if (r.status !== 0) throw new Error(`exit ${r.status}`);
  });
  let signedIn;
  await check("embedded: sign in and make a change in the browser", async () => {
    signedIn = await signInAndMutate(server, clusterName);
    return `created cluster ${clusterName} through a server action`;
  });
  metrics.embeddedRssMb = rssMb(server.child.pid);

  let slowCookie;
  await check("embedded: SIGTERM lets an in-flight request finish, closes the database and exits 0", async () => {
    // A sign-in whose body is still arriving when SIGTERM is sent: the server has begun it, so it
    // must complete (and its write must be kept), while new connections are refused.
    const csrf = await csrfFor(server.base);
    const body = new URLSearchParams({ csrfToken: csrf.token, email: demo[1].email, password: demo[1].password, json: "true", callbackUrl: server.base }).toString();
    const response = new Promise((resolve, reject) => {
      const req = http.request(`${server.base}/api/auth/callback/credentials`, {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), cookie: csrf.cookie },
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]) }));
      });
      req.on("error", reject);
      req.write(body.slice(0, 12));
      setTimeout(() => req.end(body.slice(12)), 700);
    });
    await sleep(300);
    const stopping = stop(server);
    await sleep(150);
    const refused = await new Promise((resolve) => {
      const probe = http.get(`${server.base}/api/health`, { agent: false, timeout: 2000 }, (res) => (res.resume(), resolve(false)));
      probe.on("error", () => resolve(true));
      probe.on("timeout", () => (probe.destroy(), resolve(true)));
    });
    const answer = await response;
    const { code, signal, ms } = await stopping;
    metrics.shutdownMs = ms;
    if (code !== 0) throw new Error(`exit code ${code ?? signal}; log:\n${tail(server.logFile)}`);
    if (answer.status !== 200) throw new Error(`the in-flight request got ${answer.status}`);
    slowCookie = answer.cookies.find((c) => /session-token=./.test(c));
    if (!slowCookie) throw new Error("the in-flight sign-in returned no session");
    if (!refused) throw new Error("a new connection was accepted after SIGTERM");
    const log = readFileSync(server.logFile, "utf8");
    if (!/"msg":"shutdown complete"/.test(log)) throw new Error("no shutdown log line");
    return `exit 0 ${ms} ms after SIGTERM; the in-flight sign-in completed; new connections refused`;
  });

  await check("embedded: logs are JSON lines, one per request, without secrets", async () => {
    const lines = readFileSync(server.logFile, "utf8").split("\n").filter((l) => l.startsWith("{"));
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
    if (requests.length < 3) throw new Error(`only ${requests.length} request lines`);
    const bad = requests.find((r) => typeof r.ms !== "number" || typeof r.status !== "number" || r.path.includes("?"));
    if (bad) throw new Error(`malformed request line ${JSON.stringify(bad)}`);
    const all = readFileSync(server.logFile, "utf8");
    for (const s of [secret, actionsKey, demo[0].password]) if (all.includes(s)) throw new Error("a secret appears in the log");
    return `${requests.length} request lines`;
  });

  server = startServer(ctx, "embedded-2", env);
  await check("embedded: restart on the same volume keeps the data", async () => {
    const { ms } = await waitHealthy(server);
    metrics.embeddedRestartMs = ms;
    const detail = await stillThere(server, signedIn, clusterName);
    if (slowCookie && !(await sessionWorks(server.base, slowCookie))) throw new Error("the sign-in completed during shutdown was lost");
    return `${detail}, and the session written during shutdown; healthy after ${ms} ms`;
  });

  // kill -9 while writes are being acknowledged.
  const acknowledged = [];
  await check("embedded: kill -9 during a loop of writes", async () => {
    const csrf = await csrfFor(server.base);
    let stopLoop = false;
    let refused = 0;
    const worker = async (w) => {
      for (let i = 0; !stopLoop; i++) {
        const who = demo[(w + i) % demo.length];
        try {
          const cookie = await httpSignIn(server.base, csrf, who);
          if (cookie) acknowledged.push(cookie);
          else refused++;
        } catch {
          /* cut off by the kill: not acknowledged */
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    const t = Date.now();
    while (acknowledged.length < 25 && Date.now() - t < 20_000) await sleep(50);
    await sleep(Math.floor(Math.random() * 150));
    const { signal } = await stop(server, { signal: "SIGKILL" });
    stopLoop = true;
    await Promise.all(workers);
    if (acknowledged.length < 5) throw new Error(`only ${acknowledged.length} writes were acknowledged (${refused} refused)`);
    metrics.killedAfterWrites = acknowledged.length;
    return `${acknowledged.length} sign-ins acknowledged before ${signal}`;
  });

  server = startServer(ctx, "embedded-3", env);
  await check("embedded: comes back healthy after kill -9 with every acknowledged write", async () => {
    const { ms } = await waitHealthy(server);
    metrics.embeddedRecoveryMs = ms;
    let missing = 0;
    for (const cookie of acknowledged) if (!(await sessionWorks(server.base, cookie))) missing++;
    if (missing) throw new Error(`${missing} of ${acknowledged.length} acknowledged sessions are gone`);
    const detail = await stillThere(server, signedIn, clusterName);
    return `healthy after ${ms} ms; all ${acknowledged.length} acknowledged sessions present; ${detail}`;
  });
  await check("embedded: clean stop after recovery", async () => {
    const { code, ms } = await stop(server);
    if (code !== 0) throw new Error(`exit code ${code}`);
    return `${ms} ms`;
  });

  await check("embedded: backup and restore through the image's entrypoint (server stopped)", async () => {
    // As documented: `docker run … runsheet backup --out - > file` (status on stderr, data on stdout).
    const r = spawnSync("sh", [path.join(app, "docker-entrypoint.sh"), "backup", "--out", "-"], { env, encoding: "utf8", timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
    const lines = r.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    if (lines[0]?.kind !== "header" || lines.at(-1)?.kind !== "end") throw new Error("standard output is not a complete backup");
    const sessions = lines.filter((l) => l.kind === "rows" && l.table === "sessions").reduce((n, l) => n + l.rows.length, 0);
    if (sessions < acknowledged.length) throw new Error(`backup has ${sessions} sessions, expected ≥ ${acknowledged.length}`);
    const file = path.join(work, "backup.jsonl");
    writeFileSync(file, r.stdout);
    const restoreEnv = { ...env, DATA_DIR: path.join(work, "data-restored") };
    const rr = spawnSync("sh", [path.join(app, "docker-entrypoint.sh"), "restore", "--in", file], { env: restoreEnv, encoding: "utf8", timeout: 90_000 });
    if (rr.status !== 0) throw new Error(`restore exit ${rr.status}: ${rr.stderr}`);
    const again = spawnSync("sh", [path.join(app, "docker-entrypoint.sh"), "restore", "--in", file], { env: restoreEnv, encoding: "utf8", timeout: 90_000 });
    if (again.status === 0 || !/not empty/.test(again.stderr)) throw new Error("a second restore into the same instance was not refused");
    return `${Math.round(r.stdout.length / 1024)} KB on stdout, ${sessions} sessions; restored into a fresh data directory; a second restore refused`;
  });
}

async function onPostgres() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    skip("postgres: start, change, stop, restart", "TEST_DATABASE_URL is not set (CI starts a throwaway Postgres)");
    return;
  }
  const name = `runsheet_ops_${randomBytes(4).toString("hex")}`;
  pgAdmin = postgres(url, { max: 1, onnotice: () => {} });
  await pgAdmin.unsafe(`CREATE DATABASE ${name}`);
  pgDatabases.push(name);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const env = containerEnv(3151, { DATABASE_URL: u.toString() });
  const clusterName = `ops-check-${randomBytes(3).toString("hex")}`;

  let server = startServer(ctx, "postgres-1", env);
  const ready = await check("postgres: starts through the entrypoint against a fresh database", async () => {
    const { ms, body } = await waitHealthy(server);
    if (body.database?.engine !== "postgres") throw new Error(`engine is ${body.database?.engine}`);
    metrics.postgresStartMs = ms;
    return `migrated and seeded, healthy after ${ms} ms`;
  });
  if (!ready) return;
  let signedIn;
  await check("postgres: sign in and make a change in the browser", async () => {
    signedIn = await signInAndMutate(server, clusterName);
    return signedIn.created ? `created cluster ${clusterName}` : "signed in (session row written)";
  });
  metrics.postgresRssMb = rssMb(server.child.pid);
  await check("the image's agent command (runsheet agent) reaches the server and stops on a refused token, saying why", async () => {
    const r = spawnSync("sh", [path.join(app, "docker-entrypoint.sh"), "agent", "--server", server.base, "--name", "ops-check"], {
      env: { PATH: process.env.PATH, HOME: work, RUNSHEET_AGENT_TOKEN: "rsa_not-a-real-token-0000000000000000000000" },
      encoding: "utf8",
      timeout: 30_000,
    });
    if (r.status !== 2) throw new Error(`exit ${r.status}: ${r.stderr.slice(-400)}`);
    if (!/That agent token is not valid/.test(r.stderr)) throw new Error(`no reason given: ${r.stderr.slice(-400)}`);
    return "exit 2: That agent token is not valid.";
  });
  await check("postgres: SIGTERM exits 0", async () => {
    const { code, ms } = await stop(server);
    if (code !== 0) throw new Error(`exit code ${code}; log:\n${tail(server.logFile)}`);
    return `${ms} ms`;
  });
  server = startServer(ctx, "postgres-2", env);
  await check("postgres: restart keeps the data", async () => {
    await waitHealthy(server);
    return stillThere(server, signedIn, clusterName);
  });
  await check("postgres: clean stop", async () => {
    const { code } = await stop(server);
    if (code !== 0) throw new Error(`exit code ${code}`);
  });
}

/**
 * The default Postgres setup (compose.yaml): the server logs in as runsheet_app, a member of the
 * runtime role only, created by deploy/postgres/runsheet-roles.sql; migrations run separately as
 * the owner. Checks: a server login that may not migrate is refused in words while migrations
 * are pending; after `migrate` as the owner it serves; even after RESET ROLE its login can change
 * no schema, truncate nothing and is no superuser; and the one-container form (MIGRATE_DATABASE_URL)
 * never hands the owner's URL to the server process.
 */
async function leastPrivilege() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    skip("postgres, least privilege", "TEST_DATABASE_URL is not set (CI starts a throwaway Postgres)");
    return;
  }
  pgAdmin ??= postgres(url, { max: 1, onnotice: () => {} });
  const name = `runsheet_lp_${randomBytes(4).toString("hex")}`;
  await pgAdmin.unsafe(`CREATE DATABASE ${name}`);
  pgDatabases.push(name);
  const owner = new URL(url);
  owner.pathname = `/${name}`;
  const appPassword = randomBytes(12).toString("hex");
  const appLogin = new URL(owner);
  appLogin.username = "runsheet_app";
  appLogin.password = appPassword;
  // The same file the postgres image runs on an empty volume (psql's :'app_password' filled in).
  const rolesSql = readFileSync(path.join(root, "deploy/postgres/runsheet-roles.sql"), "utf8").replace(":'app_password'", `'${appPassword}'`);
  const ownerDb = postgres(owner.toString(), { max: 1, onnotice: () => {} });
  try {
    await ownerDb.unsafe(rolesSql);
    const env = containerEnv(3152, { DATABASE_URL: appLogin.toString() });
    await check("postgres, least privilege: the server's login refuses to start on pending migrations, saying what to run", async () => {
      const server = startServer(ctx, "least-privilege-pending", env);
      const { code } = await server.exited;
      const log = readFileSync(server.logFile, "utf8");
      if (code === 0) throw new Error("it started");
      if (!/migrations are pending, and runsheet_app may not apply them/.test(log)) throw new Error(`no message in words; log:\n${tail(server.logFile)}`);
      return "exit code " + code;
    });
    await check("postgres, least privilege: `migrate` as the owner, then the server as runsheet_app serves", async () => {
      const migrate = spawnSync("sh", [path.join(app, "docker-entrypoint.sh"), "migrate", "--seed-if-empty"], { env: containerEnv(3152, { DATABASE_URL: owner.toString() }), encoding: "utf8" });
      if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr.slice(-500)}`);
      const server = startServer(ctx, "least-privilege", env);
      try {
        await waitHealthy(server);
        const signedIn = await signInAndMutate(server, `lp-${randomBytes(3).toString("hex")}`);
        return signedIn.created ? "signed in and created a cluster" : "signed in";
      } finally {
        await stop(server);
      }
    });
    await check("postgres, least privilege: even after RESET ROLE the server's login changes no schema and truncates nothing", async () => {
      const asApp = postgres(appLogin.toString(), { max: 1, onnotice: () => {} });
      try {
        const refused = async (statement) => {
          try {
            await asApp.unsafe(`reset role; ${statement}`);
            return false;
          } catch (error) {
            return error.code === "42501";
          }
        };
        await asApp.unsafe("reset role");
        const [me] = await asApp.unsafe("select current_user as user, rolsuper from pg_roles where rolname = current_user");
        if (me.user !== "runsheet_app" || me.rolsuper) throw new Error(`logged in as ${me.user}, superuser ${me.rolsuper}`);
        for (const statement of ["create table escalate (id int)", "truncate sign_in_attempts", "drop table clusters", "alter table audit_log disable trigger all", "set role postgres"]) {
          if (!(await refused(statement))) throw new Error(`"${statement}" was allowed`);
        }
        return "CREATE, TRUNCATE, DROP, ALTER and SET ROLE postgres refused (42501)";
      } finally {
        await asApp.end();
      }
    });
    await check("postgres, one container with MIGRATE_DATABASE_URL: migrates as the owner, the server process never sees the owner's URL", async () => {
      const fresh = `runsheet_lp1_${randomBytes(4).toString("hex")}`;
      await pgAdmin.unsafe(`CREATE DATABASE ${fresh}`);
      pgDatabases.push(fresh);
      const o = new URL(owner);
      o.pathname = `/${fresh}`;
      const a = new URL(appLogin);
      a.pathname = `/${fresh}`;
      const server = startServer(ctx, "least-privilege-one", containerEnv(3153, { DATABASE_URL: a.toString(), MIGRATE_DATABASE_URL: o.toString() }));
      try {
        await waitHealthy(server);
        const environ = readFileSync(`/proc/${server.child.pid}/environ`, "utf8");
        if (environ.includes("MIGRATE_DATABASE_URL")) throw new Error("the server process holds MIGRATE_DATABASE_URL");
        return "healthy; the server's environment has only its own login";
      } finally {
        await stop(server);
      }
    });
  } finally {
    await ownerDb.end();
  }
}

/**
 * Two app processes on one Postgres (README, "Several processes"): started at the same moment
 * against a fresh database (they take turns to migrate and seed), then a session opened on one
 * works on the other and ends on both, sign-in throttling counts failures on both, and the same
 * step marked done on both at once has one winner and one conflict answer.
 */
async function twoReplicas() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    skip("postgres: two processes on one database", "TEST_DATABASE_URL is not set");
    return;
  }
  const name = `runsheet_ops_${randomBytes(4).toString("hex")}`;
  pgAdmin ??= postgres(url, { max: 1, onnotice: () => {} });
  await pgAdmin.unsafe(`CREATE DATABASE ${name}`);
  pgDatabases.push(name);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const a = startServer(ctx, "replica-a", containerEnv(3153, { DATABASE_URL: u.toString() }));
  const b = startServer(ctx, "replica-b", containerEnv(3154, { DATABASE_URL: u.toString() }));
  try {
    const ready = await check("postgres, two processes: both start at once on a fresh database (one migrates and seeds, the other waits)", async () => {
      const [ra, rb] = await Promise.all([waitHealthy(a), waitHealthy(b)]);
      const db = postgres(u.toString(), { max: 1, onnotice: () => {} });
      try {
        const [{ users }] = await db`select count(*)::int as users from users`;
        const [{ migrations }] = await db`select count(*)::int as migrations from drizzle.__drizzle_migrations`;
        const journal = JSON.parse(readFileSync(path.join(root, "drizzle/meta/_journal.json"), "utf8")).entries.length;
        if (migrations !== journal) throw new Error(`${migrations} migrations recorded, ${journal} committed`);
        const seeded = demo.length + demoApprovers.length;
        if (users !== seeded) throw new Error(`${users} users: the demo data was seeded ${users / seeded} times`);
      } finally {
        await db.end();
      }
      return `healthy after ${ra.ms} and ${rb.ms} ms; migrations applied once, demo data seeded once`;
    });
    if (!ready) return;

    await check("postgres, two processes: a session from one works on the other, and signing out ends it on both", async () => {
      const csrf = await csrfFor(a.base);
      const session = await httpSignIn(a.base, csrf, demo[1]);
      if (!session) throw new Error("sign-in on the first process failed");
      const cookie = `${csrf.cookie}; ${session}`;
      if (!(await sessionWorks(b.base, cookie))) throw new Error("the second process did not accept the session");
      const out = await fetch(`${a.base}/api/auth/signout`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ csrfToken: csrf.token, json: "true" }),
      });
      if (out.status >= 400) throw new Error(`sign-out answered ${out.status}`);
      if (await sessionWorks(b.base, cookie)) throw new Error("the session still works on the second process after signing out on the first");
      return "signed in on A, used on B, signed out on A, refused on B";
    });

    await check("postgres, two processes: sign-in throttling counts failures on both", async () => {
      const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
      const attempt = async (server) => {
        const csrf = await csrfFor(server.base);
        const res = await fetch(`${server.base}/api/auth/callback/credentials`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie, "x-forwarded-for": address },
          body: new URLSearchParams({ csrfToken: csrf.token, email: `nobody-${randomBytes(3).toString("hex")}@example.com`, password: "wrong-password", json: "true" }),
        });
        const body = await res.json().catch(() => ({}));
        return new URL(body.url ?? res.headers.get("location") ?? "http://x/", "http://x").searchParams.get("error");
      };
      // Ten failures, alternating between the processes, are allowed; the eleventh is refused.
      for (let i = 0; i < 10; i++) {
        const error = await attempt(i % 2 ? b : a);
        if (error === "throttled") throw new Error(`refused after only ${i} failures`);
      }
      const eleventh = await attempt(a);
      if (eleventh !== "throttled") throw new Error(`the 11th failure was answered "${eleventh}", not throttled`);
      return "5 failures on each, the 11th refused";
    });

    const pendingStep = async () => {
      const db = postgres(u.toString(), { max: 1, onnotice: () => {} });
      try {
        const [step] = await db`
          select s.id, s.version, s.release_id from customer_steps s join releases r on r.id = s.release_id join customers c on c.id = s.customer_id
          where s.status = 'pending' and r.status = 'active' and c.is_active and s.removed_at is null
            and not exists (select 1 from step_templates t where t.id = s.template_id and t.needs_review)
          order by s.id limit 1`;
        if (!step) throw new Error("the demo data has no pending step");
        return step;
      } finally {
        await db.end();
      }
    };
    const manifest = JSON.parse(readFileSync(path.join(app, ".next/server/server-reference-manifest.json"), "utf8"));
    const actionId = Object.entries(manifest.node).find(([, e]) => e.exportedName === "markStepDoneAction" && String(e.filename).includes("steps/actions"))?.[0];
    const signedIn = async (server, who) => {
      const csrf = await csrfFor(server.base);
      return `${csrf.cookie}; ${await httpSignIn(server.base, csrf, who)}`;
    };
    const markDone = async (server, cookie, step) => {
      if (!actionId) throw new Error("markStepDoneAction is not in the build manifest");
      const res = await fetch(`${server.base}/releases/${step.release_id}/matrix`, {
        method: "POST",
        headers: { cookie, "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
        body: JSON.stringify([{ stepId: Number(step.id), version: step.version, notes: "", from: "matrix" }]),
      });
      return res.text();
    };

    await check("postgres, two processes: the same step marked done on both at once has one winner and one conflict", async () => {
      const step = await pendingStep();
      const [ca, cb] = await Promise.all([signedIn(a, demo[1]), signedIn(b, demo[2])]);
      const answers = await Promise.all([markDone(a, ca, step), markDone(b, cb, step)]);
      const won = answers.filter((t) => t.includes('"ok":true')).length;
      const conflicts = answers.filter((t) => t.includes('"code":"conflict"'));
      if (won !== 1 || conflicts.length !== 1) throw new Error(`answers: ${answers.map((t) => t.slice(-200)).join(" | ")}`);
      if (!/Riley Release|Sam Shipper/.test(conflicts[0])) throw new Error("the conflict answer does not say who changed the step");
      return "one ok, one conflict naming the winner";
    });

    await check("postgres, two processes: a step marked done on one reaches the live streams of both within 2 s", async () => {
      const step = await pendingStep();
      const [ca, cb] = await Promise.all([signedIn(a, demo[1]), signedIn(b, demo[2])]);
      const streams = await Promise.all([liveStream(a, ca), liveStream(b, cb)]);
      try {
        const started = Date.now();
        const answer = await markDone(a, ca, step);
        if (!answer.includes('"ok":true')) throw new Error(`mark done answered ${answer.slice(-200)}`);
        const heard = await Promise.all(streams.map((s) => s.until((c) => c.kind === "steps" && c.steps?.some(([id]) => id === Number(step.id)), 2000)));
        if (!heard.every(Boolean)) throw new Error(`heard on A: ${heard[0]}, on B: ${heard[1]}`);
        return `both streams had it ${Date.now() - started} ms after the change was made on A`;
      } finally {
        streams.forEach((s) => s.close());
      }
    });
  } finally {
    await Promise.all([stop(a), stop(b)]);
  }
}

/** An open /api/v1/events stream: `until(match, ms)` resolves true once a matching change arrives. */
async function liveStream(server, cookie) {
  const abort = new AbortController();
  const res = await fetch(`${server.base}/api/v1/events`, { headers: { cookie, accept: "text/event-stream" }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`the event stream answered ${res.status}`);
  const changes = [];
  const waiters = new Set();
  let ready;
  const isReady = new Promise((r) => (ready = r));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: ready/m.test(block)) ready();
          const data = /^event: change\ndata: (.*)$/m.exec(block)?.[1];
          if (data) {
            changes.push(JSON.parse(data));
            waiters.forEach((w) => w());
          }
        }
      }
    } catch {
      // aborted
    }
  })();
  await isReady;
  return {
    until: (match, ms) =>
      new Promise((resolve) => {
        const test = () => changes.some(match) && (waiters.delete(test), clearTimeout(timer), resolve(true));
        const timer = setTimeout(() => (waiters.delete(test), resolve(false)), ms);
        waiters.add(test);
        test();
      }),
    close: () => abort.abort(),
  };
}

// ── run ──────────────────────────────────────────────────────────────────────────────────────
try {
  mkdirSync(app, { recursive: true });
  await check("assemble the image's /app from the standalone build", async () => {
    assemble(root, app);
    for (const f of ["server.js", "dist/ops.mjs", "dist/serve.mjs", "drizzle/meta/_journal.json", ".next/static", "node_modules/@electric-sql/pglite/dist/pglite.wasm", "node_modules/@electric-sql/pglite/dist/pglite.data", "node_modules/@electric-sql/pglite/dist/initdb.wasm"]) {
      if (!existsSync(path.join(app, f))) throw new Error(`${f} is missing`);
    }
    if (existsSync(path.join(app, "data")) || existsSync(path.join(app, ".e2e-data"))) throw new Error("a local database was copied into the bundle");
    const du = spawnSync("du", ["-sm", app], { encoding: "utf8" }).stdout.split("\t")[0];
    metrics.appMb = Number(du);
    return `${du} MB, PGlite's WASM and data files present, no local database inside`;
  });
  if (!chromiumPath) fail("browser", "Chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)");
  else {
    await envRefusal();
    await embedded();
    await onPostgres();
    await leastPrivilege();
    await twoReplicas();
  }
} catch (error) {
  fail("standalone check", error instanceof Error ? error.stack : String(error));
} finally {
  await closeBrowser();
  await cleanup();
}
console.log(`metrics: ${JSON.stringify(metrics)}`);
// Deliberately not the "N passed, N failed, N skipped" shape: that line belongs to npm test.
console.log(`standalone check: ${totals.passed} PASS / ${totals.failed} FAIL / ${totals.skipped} SKIP`);
process.exit(totals.failed > 0 ? 1 : 0);
