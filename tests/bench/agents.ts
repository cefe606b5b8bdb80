/**
 * The agents scenario of `npm run bench` (Postgres): 500 customers × one `true` step run across
 * customers with a window of 20 by two real agent processes (the bundled dist/agent.mjs, as the
 * image runs it) against the shipped server. Measures, beside their floors in the same run:
 *  - how long the whole run takes (target ≤ 30 s);
 *  - claim → process started per step (the database's claim time to the agent's spawn; ≤ 100 ms p95);
 *  - server CPU per step run vs one mark done through the API (≤ 3×).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, setDatabase } from "@/db/client";
import { applyMigrations } from "@/db/migrate-lib";
import { createAgentToken } from "@/lib/domain/agents/mutations/tokens";
import { startAcrossRun } from "@/lib/domain/runs/mutations/start";
import { createToken } from "@/lib/domain/api-tokens/mutations/tokens";
import { createTokenInput } from "@/lib/domain/api-tokens/input";
import { standaloneDir } from "../../scripts/standalone.mjs";
import { startServer, treeCpuMs } from "./http";
import { stats, type Stats } from "./stats";

const CUSTOMERS = 500;
const PORT = 3195;

export type AgentRow = { metric: string; median: number; p95: number; unit: string; target: string; extra?: string };

export async function benchAgents(adminUrl: string, log: (m: string) => void): Promise<AgentRow[]> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = "runsheet_bench_agents";
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: u.toString() });
  setDatabase(handle);
  const db = handle.db;
  await applyMigrations(db, "postgres");
  log("agents: 500 customers, one agent step and one manual step");
  const [user] = (await db.execute(sql`insert into users (email, name, role) values ('agents@bench.local', 'Bench Runner', 'admin') returning id, name, email, role`)) as unknown as Array<{ id: number; name: string; email: string; role: "admin" }>;
  const actor = { id: Number(user.id), name: user.name, email: user.email, role: user.role };
  const [cluster] = (await db.execute(sql`insert into clusters (name) values ('bench-agents') returning id`)) as unknown as Array<{ id: number }>;
  await db.execute(sql`insert into customers (cluster_id, name, namespace) select ${cluster.id}, 'c-' || g, 'ns-' || g from generate_series(1, ${CUSTOMERS}) g`);
  const [release] = (await db.execute(sql`insert into releases (name, type, version_number, status, activated_at, agent_review_waived) values ('agents', 'release', 'v1', 'active', now(), true) returning id`)) as unknown as Array<{ id: number }>;
  const [agentStep] = (await db.execute(sql`insert into step_templates (release_id, name, category, type, content, order_index, execution) values (${release.id}, 'true', 'deploy', 'bash', 'true', 0, 'agent') returning id`)) as unknown as Array<{ id: number }>;
  await db.execute(sql`insert into step_templates (release_id, name, category, type, content, order_index) values (${release.id}, 'by hand', 'deploy', 'bash', 'true', 1)`);
  await db.execute(sql`insert into release_customers (release_id, customer_id, membership) select ${release.id}, id, 'included' from customers`);
  await db.execute(sql`
    insert into customer_steps (release_id, customer_id, template_id, name, category, type, content, order_index, origin, execution)
    select ${release.id}, c.id, t.id, t.name, t.category, t.type, t.content, t.order_index, 'activation', t.execution from customers c, step_templates t where t.release_id = ${release.id}`);
  const agentToken = (await createAgentToken(actor, { clusterId: Number(cluster.id), name: "bench" })).token;
  const apiToken = (await createToken(actor, createTokenInput.parse({ name: "bench", principal: "service", serviceAccount: "Bench CI", role: "release_manager", expiresInDays: "" }))).token;

  const server = await startServer({ port: PORT, env: { DATABASE_URL: u.toString(), AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0", NEXTAUTH_URL: `http://127.0.0.1:${PORT}`, API_RATE_LIMIT_PER_MINUTE: "100000" } });
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-agents-"));
  const agents: ChildProcess[] = [];
  try {
    // Floor: one mark done through the API, the cheapest write a person's tool makes.
    const manual = (await db.execute(sql`select id, version from customer_steps where release_id = ${release.id} and name = 'by hand' order by id limit 200`)) as unknown as Array<{ id: number; version: number }>;
    const done = async (s: { id: number; version: number }) => {
      const r = await fetch(`${server.url}/api/v1/steps/${s.id}/done`, { method: "POST", headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" }, body: JSON.stringify({ expectedVersion: s.version }) });
      if (r.status !== 200) throw new Error(`mark done: ${r.status} ${await r.text()}`);
    };
    for (const s of manual.slice(0, 20)) await done(s); // warm-up
    const cpu0 = treeCpuMs(server.proc.pid!);
    for (const s of manual.slice(20)) await done(s);
    const markDoneCpu = (treeCpuMs(server.proc.pid!) - cpu0) / (manual.length - 20);

    // Two agents, ten steps each at once: the run's window of 20 is what limits.
    const agentJs = path.join(standaloneDir, "dist", "agent.mjs");
    const timings = path.join(dir, "timings.jsonl");
    for (const n of [1, 2]) {
      const child = spawn(process.execPath, [agentJs, "--server", server.url, "--name", `bench-${n}`, "--concurrency", "10"], {
        env: { ...process.env, RUNSHEET_AGENT_TOKEN: agentToken, RUNSHEET_AGENT_TIMINGS: timings },
        stdio: ["ignore", "ignore", "pipe"],
      });
      agents.push(child);
    }
    await new Promise((r) => setTimeout(r, 1500)); // both are long-polling
    const cpu1 = treeCpuMs(server.proc.pid!);
    const t0 = performance.now();
    const { runId } = await startAcrossRun({ releaseId: Number(release.id), templateId: Number(agentStep.id), maxParallel: 20, maxParallelPerCluster: 20, timeoutMinutes: 10 }, actor);
    for (;;) {
      const [run] = (await db.execute(sql`select status from runs where id = ${runId}`)) as unknown as Array<{ status: string }>;
      if (run.status === "finished") break;
      if (performance.now() - t0 > 180_000) throw new Error("the run did not finish within 3 minutes");
      await new Promise((r) => setTimeout(r, 100));
    }
    const total = (performance.now() - t0) / 1000;
    const runCpu = (treeCpuMs(server.proc.pid!) - cpu1) / CUSTOMERS;
    const items = (await db.execute(sql`select id, state, extract(epoch from claimed_at) * 1000 as claimed from run_items where run_id = ${runId}`)) as unknown as Array<{ id: number; state: string; claimed: number }>;
    const lines = readFileSync(timings, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { itemId: number; startedAt?: number; receivedAt?: number });
    const started = new Map(lines.filter((t) => t.startedAt).map((t) => [t.itemId, t.startedAt!]));
    const received = new Map(lines.filter((t) => t.receivedAt).map((t) => [t.itemId, t.receivedAt!]));
    const claimToStart = items.map((i) => (started.get(Number(i.id)) ?? NaN) - Number(i.claimed)).filter((n) => Number.isFinite(n));
    const claimToAgent = items.map((i) => (received.get(Number(i.id)) ?? NaN) - Number(i.claimed)).filter((n) => Number.isFinite(n));
    const agentToStart = items.map((i) => (started.get(Number(i.id)) ?? NaN) - (received.get(Number(i.id)) ?? NaN)).filter((n) => Number.isFinite(n));
    const notDone = items.filter((i) => i.state !== "done").length;
    const s: Stats = stats(claimToStart);
    log(`agents: ${CUSTOMERS} steps in ${total.toFixed(1)} s; claim → started p95 ${s.p95.toFixed(1)} ms; CPU per run ${runCpu.toFixed(2)} ms vs mark done ${markDoneCpu.toFixed(2)} ms`);
    return [
      { metric: `agents: ${CUSTOMERS} × true, window 20, 2 agents`, median: total * 1000, p95: total * 1000, unit: "ms", target: "≤ 30 s", extra: `${notDone} not done · load ${os.loadavg()[0].toFixed(2)}` },
      { metric: "agents: claim → process started", median: s.median, p95: s.p95, unit: "ms", target: "p95 ≤ 100 ms", extra: `max ${s.max.toFixed(0)} ms over ${claimToStart.length} steps` },
      { metric: "agents: … claim → the agent has it", median: stats(claimToAgent).median, p95: stats(claimToAgent).p95, unit: "ms", target: "", extra: "the claim's commit and its HTTP answer" },
      { metric: "agents: … the agent has it → started", median: stats(agentToStart).median, p95: stats(agentToStart).p95, unit: "ms", target: "", extra: "temporary directory, script file, spawn of bash" },
      { metric: "agents: server CPU per step run", median: runCpu, p95: runCpu, unit: "ms", target: "≤ 3× mark done", extra: `mark done through the API ${markDoneCpu.toFixed(2)} ms (floor) · ${(runCpu / markDoneCpu).toFixed(2)}×` },
    ];
  } finally {
    for (const a of agents) a.kill("SIGTERM");
    await server.stop();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
