/**
 * The Runsheet agent (README, "Agents"): `npm run agent -- --server URL --token rsa_…`, or
 * `runsheet agent …` in the container image. A long-running process next to a cluster that takes
 * its cluster's steps from Runsheet and runs them — outbound HTTPS only, no inbound port.
 *
 * It imports nothing of Runsheet but the API's agent protocol (lib/api/agent-protocol.ts; a lint
 * zone keeps it so), and holds its own secrets: kubeconfigs, the SQL URL, anything given with
 * --secret. Output is masked before it leaves.
 */
import { appendFileSync } from "node:fs";
import { AgentClient, Refused, type ClaimedStep } from "./client";
import { runBash, runSql, runYaml, type StepIO, type StepResult } from "./executors";
import { Masker } from "./mask";
import { parseOptions, UsageError, type AgentOptions } from "./options";

const FLUSH_MS = 300;
const timings = process.env.RUNSHEET_AGENT_TIMINGS;
const HEARTBEAT_MS = 8_000;
const CHUNK_MAX = 64 * 1024;
const say = (line: string) => process.stderr.write(`[agent] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One step, start to finish: runs it, streams its (masked) output in chunks every ~300 ms (each
 * report renews the lease; a heartbeat goes out when there is nothing to say), stops it on a
 * cancel or its timeout, and reports how it ended. The report is retried: Runsheet must hear it.
 */
async function execute(client: AgentClient, options: AgentOptions, step: ClaimedStep): Promise<void> {
  const started = Date.now();
  const masker = new Masker(options.secrets);
  const stop = new AbortController();
  let cancelled = false;
  let timedOut = false;
  let pending = "";
  let lastReport = Date.now();
  let reporting: Promise<void> = Promise.resolve();
  const report = (data: string) => {
    lastReport = Date.now();
    reporting = reporting
      .then(() => client.output(step.itemId, data))
      .then((answer) => {
        if (answer.cancel && !stop.signal.aborted) {
          cancelled = true;
          stop.abort();
        }
      })
      .catch((error: unknown) => {
        if (error instanceof Refused) throw error;
        say(`output for item ${step.itemId} not delivered yet: ${(error as Error).message}`);
      });
  };
  const flush = () => {
    if (!pending) return;
    const data = pending.slice(0, CHUNK_MAX);
    pending = pending.slice(data.length);
    report(data);
  };
  const tick = setInterval(() => {
    flush();
    if (Date.now() - lastReport >= HEARTBEAT_MS) report("");
  }, FLUSH_MS);
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, step.timeoutSeconds * 1000);
  const io: StepIO = {
    write: (text) => (pending += masker.push(text)),
    stop: stop.signal,
    // RUNSHEET_AGENT_TIMINGS (the bench): when each step's process started, one JSON line each.
    started: timings ? () => appendFileSync(timings, `${JSON.stringify({ itemId: step.itemId, startedAt: Date.now() })}\n`) : undefined,
  };
  say(`running "${step.name}" for ${step.customer} (${step.namespace}), item ${step.itemId}, sha256 ${step.sha256.slice(0, 12)}`);
  let result: StepResult;
  try {
    result = step.type === "bash" ? await runBash(step, options, io) : step.type === "sql" ? await runSql(step, options, io) : step.type === "yaml" ? await runYaml(step, options, io) : { exitCode: null, error: "text steps are carried out by a person" };
  } catch (error) {
    result = { exitCode: null, error: (error as Error).message };
  }
  clearTimeout(timer);
  clearInterval(tick);
  pending += masker.flush();
  while (pending) flush();
  await reporting.catch(() => undefined);
  // The reason it could not run may quote the configuration (a URL, a path): masked like output.
  const errorMasker = new Masker(options.secrets);
  const error = result.error ? errorMasker.push(result.error) + errorMasker.flush() : undefined;
  const outcome = { exitCode: result.exitCode, durationMs: Date.now() - started, timedOut, cancelled, ...(error ? { error } : {}) };
  for (let attempt = 0; ; attempt++) {
    try {
      const { state } = await client.finish(step.itemId, outcome);
      say(`"${step.name}" for ${step.customer}: ${state} (exit ${result.exitCode ?? "–"}, ${outcome.durationMs} ms)`);
      return;
    } catch (error) {
      if (error instanceof Refused || attempt >= 20) throw error;
      await sleep(Math.min(30_000, 500 * 2 ** attempt));
    }
  }
}

/** Takes work while there is room, runs each step, and keeps asking (long poll) until stopped. */
export async function runAgent(options: AgentOptions, signal: AbortSignal): Promise<number> {
  const client = new AgentClient(options);
  const running = new Set<Promise<void>>();
  let refused: Refused | null = null;
  let failures = 0;
  let idleSince = Date.now();
  say(`${options.name} → ${options.server} (up to ${options.concurrency} steps at once)`);
  while (!signal.aborted && !refused) {
    if (running.size >= options.concurrency) {
      await Promise.race(running);
      continue;
    }
    try {
      const { steps } = await client.claim(options.concurrency - running.size, running.size ? 2 : 20);
      if (timings) for (const step of steps) appendFileSync(timings, `${JSON.stringify({ itemId: step.itemId, receivedAt: Date.now() })}\n`);
      failures = 0;
      if (steps.length) idleSince = Date.now();
      for (const step of steps) {
        const job = execute(client, options, step)
          .catch((error: unknown) => {
            if (error instanceof Refused) refused = error;
            else say(`item ${step.itemId}: ${(error as Error).message}`);
          })
          .finally(() => running.delete(job));
        running.add(job);
      }
      if (options.idleExitSeconds && running.size === 0 && Date.now() - idleSince > options.idleExitSeconds * 1000) break;
    } catch (error) {
      if (error instanceof Refused) {
        refused = error;
        break;
      }
      failures++;
      const wait = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
      say(`cannot reach Runsheet (${(error as Error).message}); again in ${Math.round(wait / 1000)} s`);
      await sleep(wait);
    }
  }
  await Promise.allSettled(running);
  if (refused) {
    say(`stopped: ${(refused as Refused).message}`);
    return 2;
  }
  return 0;
}

/** The command: options from flags and the environment, stop on SIGTERM/SIGINT, exit code 2 when the token is refused. */
export async function main(): Promise<void> {
  let options: AgentOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof UsageError ? 64 : 1);
  }
  const stop = new AbortController();
  // SIGTERM/SIGINT: take no new work; the steps under way finish and are reported.
  for (const sig of ["SIGTERM", "SIGINT"] as const) process.once(sig, () => (say(`${sig}: finishing the steps under way, taking no more`), stop.abort()));
  process.exit(await runAgent(options, stop.signal));
}
