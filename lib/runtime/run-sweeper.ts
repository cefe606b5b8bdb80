import "server-only";
import { log } from "@/lib/log";
import { expireLeases, settleIdleRunsNow } from "@/lib/domain/runs/mutations/leases";

const SWEEP_MS = 5_000;

/**
 * Every server process sweeps for agent leases that ran out (lib/domain/runs/mutations/leases.ts):
 * FOR UPDATE SKIP LOCKED lets any number of processes sweep at once, each item once. A lease is
 * 30 s, so an agent that vanished is "outcome unknown" within ~35 s.
 */
export function startRunSweeper(): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const n = await expireLeases();
      if (n) log("warn", "agent leases ran out", { items: n });
      // Runs whose last queued steps a person decided by hand (mark done, skip) are finished here.
      await settleIdleRunsNow();
    } catch (error) {
      log("warn", "lease sweep failed", { error: error instanceof Error ? error.name : String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
