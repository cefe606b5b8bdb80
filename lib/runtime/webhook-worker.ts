import "server-only";
import { listenToDatabase } from "@/db/client";
import { log } from "@/lib/log";
import { sendDelivery } from "@/lib/domain/webhooks/deliver";
import { claimDue, pruneDeliveries, recordAttempt } from "@/lib/domain/webhooks/mutations/delivery";
import { sealLegacyUrls } from "@/lib/domain/webhooks/mutations/webhooks";

const POLL_MS = 5_000;
const PRUNE_MS = 60 * 60_000;

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
  // Housekeeping: URLs stored before they were sealed, then the log's retention, hourly.
  const prune = () =>
    pruneDeliveries()
      .then((n) => n && log("info", "webhook deliveries pruned", { count: n }))
      .catch((error: unknown) => log("warn", "webhook prune failed", { error: error instanceof Error ? error.name : String(error) }));
  sealLegacyUrls()
    .then((n) => n && log("info", "webhook URLs sealed", { count: n }))
    .catch((error: unknown) => log("warn", "sealing webhook URLs failed", { error: error instanceof Error ? error.name : String(error) }))
    .finally(() => void prune());
  const pruner = setInterval(() => void prune(), PRUNE_MS);
  pruner.unref();
  let unlisten: (() => Promise<void>) | undefined;
  listenToDatabase("runsheet_outbox", () => void round())
    .then((u) => (unlisten = u))
    .catch(() => log("warn", "webhook worker: LISTEN failed; polling only"));
  setTimeout(() => void round(), 1000).unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    clearInterval(pruner);
    void unlisten?.().catch(() => undefined);
  };
}
