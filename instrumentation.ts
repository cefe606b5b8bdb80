import type { Instrumentation } from "next";

/** Runs once when the server starts (Next's instrumentation hook), before it serves requests. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitWithoutAuthSecret } = await import("./lib/auth/secret");
    exitWithoutAuthSecret();
    const { validateEnvironmentAtStart } = await import("./lib/runtime/instrumentation");
    validateEnvironmentAtStart();
    const { redactConsole } = await import("./lib/runtime/redact-console");
    redactConsole();
    // Outgoing webhooks: this process delivers its share of the outbox (never during a build).
    if (process.env.NEXT_PHASE !== "phase-production-build" && process.env.WEBHOOK_WORKER !== "off") {
      const { startWebhookWorker } = await import("./lib/runtime/webhook-worker");
      startWebhookWorker();
    }
    // Agent runs: leases that ran out become "outcome unknown" (every process sweeps; SKIP LOCKED).
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startRunSweeper } = await import("./lib/runtime/run-sweeper");
      startRunSweeper();
    }
  }
}

/** One structured log line for every request that failed on the server (no stack to the user). */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./lib/runtime/request-log");
  logRequestError(error, request, context);
};
