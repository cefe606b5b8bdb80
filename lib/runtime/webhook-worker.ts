import "server-only";
import { listenToDatabase } from "@/db/client";
import { log } from "@/lib/log";
import { sendDelivery } from "@/lib/domain/webhooks/deliver";
import { claimDue, recordAttempt } from "@/lib/domain/webhooks/mutations/delivery";

const POLL_MS = 5_000;

/**
 * Delivers the webhook outbox from this server process: woken at once by NOTIFY runsheet_outbox
 * (a change committed with deliveries), and every 5 s for retries that came due. Each round
 * claims a batch (claimDue: never a row another process holds), sends it, records the outcome.
 * Several processes on one Postgres share the work; each delivery is sent by one of them.
 */
export function startWebhookWorker(): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  const round = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const batch = await claimDue(10);
        await Promise.all(
          batch.map(async (d) => {
            const outcome = await sendDelivery(d);
            const next = await recordAttempt(d, outcome);
            log(outcome.ok ? "info" : "warn", "webhook", { delivery: d.id, endpoint: d.endpointId, event: d.event, attempt: d.attempts, status: outcome.statusCode, outcome: next });
          }),
        );
        if (batch.length === 10) again = true;
      } while (again && !stopped);
    } catch (error) {
      log("warn", "webhook worker round failed", { error: error instanceof Error ? error.name : String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), POLL_MS);
  timer.unref();
  let unlisten: (() => Promise<void>) | undefined;
  listenToDatabase("runsheet_outbox", () => void round())
    .then((u) => (unlisten = u))
    .catch(() => log("warn", "webhook worker: LISTEN failed; polling only"));
  setTimeout(() => void round(), 1000).unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    void unlisten?.().catch(() => undefined);
  };
}
