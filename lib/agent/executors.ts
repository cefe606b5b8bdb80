import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { ClaimedStep } from "./client";
import type { AgentOptions } from "./options";

/** Where a step's output goes (masked and sent in chunks by the caller), and when to stop it. */
export type StepIO = { write: (text: string) => void; stop: AbortSignal; /** Told when the step's process has started. */ started?: () => void };
export type StepResult = { exitCode: number | null; error?: string };

/** The environment a bash or YAML step sees: the agent's own, minus its token, plus the step's. */
function stepEnv(step: ClaimedStep, options: AgentOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.RUNSHEET_AGENT_TOKEN;
  delete env.RUNSHEET_AGENT_SECRETS;
  const kubeconfig = options.kubeconfig ?? step.kubeconfigPath;
  return {
    ...env,
    NAMESPACE: step.namespace,
    ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}),
    RUNSHEET_CUSTOMER: step.customer,
    RUNSHEET_CLUSTER: step.cluster,
    RUNSHEET_RELEASE: step.release,
    RUNSHEET_RELEASE_VERSION: step.releaseVersion ?? "",
    RUNSHEET_STEP: step.name,
  };
}

/**
 * A process in its own process group, so a stop reaches everything it started: SIGTERM to the
 * group, then SIGKILL after the grace. stdout and stderr go to `io.write` as they come.
 */
function runProcess(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; stdin?: string; graceSeconds: number }, io: StepIO): Promise<StepResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    child.once("spawn", () => io.started?.());
    let killTimer: NodeJS.Timeout | undefined;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    const onStop = () => {
      io.write(`\n[runsheet agent] stopping: SIGTERM, SIGKILL after ${opts.graceSeconds} s\n`);
      signalGroup("SIGTERM");
      killTimer = setTimeout(() => signalGroup("SIGKILL"), opts.graceSeconds * 1000);
    };
    if (io.stop.aborted) onStop();
    else io.stop.addEventListener("abort", onStop, { once: true });
    child.stdout.setEncoding("utf8").on("data", (d: string) => io.write(d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => io.write(d));
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.stdin ?? "");
    child.on("error", (error) => {
      clearTimeout(killTimer);
      resolve({ exitCode: null, error: `could not start ${command}: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(killTimer);
      io.stop.removeEventListener("abort", onStop);
      if (signal) io.write(`\n[runsheet agent] ended by ${signal}\n`);
      resolve({ exitCode: code });
    });
  });
}

/** bash -euo pipefail, in a fresh temporary directory that is removed afterwards. */
export async function runBash(step: ClaimedStep, options: AgentOptions, io: StepIO): Promise<StepResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "runsheet-step-"));
  try {
    const script = path.join(dir, "step.sh");
    await writeFile(script, step.content.endsWith("\n") ? step.content : `${step.content}\n`, { mode: 0o600 });
    return await runProcess("bash", ["-euo", "pipefail", script], { cwd: dir, env: stepEnv(step, options), graceSeconds: options.graceSeconds }, io);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The manifest on stdin of the configured command (default: kubectl apply --server-side). */
export async function runYaml(step: ClaimedStep, options: AgentOptions, io: StepIO): Promise<StepResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "runsheet-step-"));
  try {
    return await runProcess("sh", ["-c", options.yamlCommand], { cwd: dir, env: stepEnv(step, options), stdin: step.content, graceSeconds: options.graceSeconds }, io);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The agent's own SQL URL template, filled in for this customer (never the step's text: that is rendered by Runsheet). */
export function sqlUrlFor(template: string, step: ClaimedStep): string {
  const values: Record<string, string> = { namespace: step.namespace, "customer.name": step.customer, "cluster.name": step.cluster };
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (name in values ? encodeURIComponent(values[name]) : whole));
}

/**
 * Through the postgres driver, in one transaction (a text that opens its own, with BEGIN, runs as
 * written), against the database the agent's configuration names for this customer. Each
 * statement's result is written out (the command, the row count, and up to 50 rows as JSON
 * lines); NOTICEs are written as they come.
 */
export async function runSql(step: ClaimedStep, options: AgentOptions, io: StepIO): Promise<StepResult> {
  if (!options.sqlUrl) return { exitCode: null, error: "this agent has no --sql-url: SQL steps need the database's URL in the agent's configuration" };
  const sql = postgres(sqlUrlFor(options.sqlUrl, step), { max: 1, onnotice: (n) => io.write(`NOTICE: ${n.message}\n`), connect_timeout: 15 });
  const stop = () => void sql.end({ timeout: 0 });
  io.stop.addEventListener("abort", stop, { once: true });
  try {
    const ownTransaction = /^\s*(begin|start\s+transaction)\b/im.test(step.content);
    const results = ownTransaction ? await sql.unsafe(step.content).simple() : await sql.begin((tx) => tx.unsafe(step.content).simple());
    const list = (Array.isArray(results) && Array.isArray(results[0]) ? results : [results]) as Array<postgres.RowList<postgres.Row[]>>;
    for (const r of list) {
      io.write(`${r.command ?? "OK"} ${r.count ?? r.length}\n`);
      for (const row of r.slice(0, 50)) io.write(`${JSON.stringify(row)}\n`);
      if (r.length > 50) io.write(`… ${r.length - 50} more rows\n`);
    }
    return { exitCode: 0 };
  } catch (error) {
    const e = error as { message?: string; code?: string; position?: string };
    io.write(`ERROR${e.code ? ` ${e.code}` : ""}: ${e.message ?? String(error)}${e.position ? ` (at character ${e.position})` : ""}\n`);
    return { exitCode: 1 };
  } finally {
    io.stop.removeEventListener("abort", stop);
    await sql.end({ timeout: 5 }).catch(() => undefined);
  }
}
