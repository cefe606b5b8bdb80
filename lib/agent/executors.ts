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

/** What every step may see of the agent's environment: enough for bash, kubectl and a proxy. */
const BASIC_ENV = /^(PATH|HOME|USER|LOGNAME|SHELL|LANG|LANGUAGE|LC_[A-Z]+|TZ|TMPDIR|TERM|HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy)$/;

/**
 * The environment a bash or YAML step sees: an allow-list of the agent's own (BASIC_ENV and
 * --pass-env), plus the step's. Never a copy of the agent's: its token, its SQL URL (with a
 * password) and its kubeconfig setting are the agent's, and a script could print them in a form
 * the masking does not recognise (base64, reversed).
 */
function stepEnv(step: ClaimedStep, options: AgentOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && (BASIC_ENV.test(name) || options.passEnv.includes(name))) env[name] = value;
  }
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
 * group, then SIGKILL after the grace. When the step's process ends, whatever it left running in
 * its group is killed too: a step that is reported done (or failed) has nothing still at work.
 * stdout and stderr go to `io.write` as they come.
 */
function runProcess(command: string, args: string[], opts: { cwd: string; env: Record<string, string>; stdin?: string; graceSeconds: number }, io: StepIO): Promise<StepResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    child.once("spawn", () => io.started?.());
    let killTimer: NodeJS.Timeout | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        /* the whole group is gone */
      }
    };
    const onStop = () => {
      io.write(`\n[runsheet agent] stopping: SIGTERM, SIGKILL after ${opts.graceSeconds} s\n`);
      signalGroup("SIGTERM");
      // Not cleared when the step's own process ends: what it started may ignore SIGTERM.
      killTimer = setTimeout(() => signalGroup("SIGKILL"), opts.graceSeconds * 1000);
      killTimer.unref();
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
    // "exit", not only "close": a background process holding stdout open must not keep the step
    // "running" — it is killed with the rest of the group, and then the pipes close.
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      signalGroup("SIGKILL");
    });
    child.on("close", (code, signal) => {
      clearTimeout(killTimer);
      io.stop.removeEventListener("abort", onStop);
      const ended = exit ?? { code, signal };
      if (ended.signal) io.write(`\n[runsheet agent] ended by ${ended.signal}\n`);
      resolve({ exitCode: ended.code });
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
  let running: { cancel: () => void } | null = null;
  // A cancel or a timeout stops the statement on the database server (a cancel request, as psql's
  // Ctrl-C): closing our socket alone would leave it running there, holding its locks, and a
  // script with its own COMMIT could still commit after we said it failed.
  const stop = () => {
    io.write("\n[runsheet agent] stopping: cancelling the statement on the database server\n");
    void Promise.resolve()
      .then(() => running?.cancel())
      .catch(() => undefined)
      .finally(() => setTimeout(() => void sql.end({ timeout: 0 }), options.graceSeconds * 1000).unref());
  };
  io.stop.addEventListener("abort", stop, { once: true });
  const send = (target: postgres.Sql | postgres.TransactionSql) => {
    const query = target.unsafe(step.content).simple();
    running = query;
    if (io.stop.aborted) void query.cancel();
    return query;
  };
  try {
    const ownTransaction = /^\s*(begin|start\s+transaction)\b/im.test(step.content);
    const results = ownTransaction ? await send(sql) : await sql.begin((tx) => send(tx));
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
