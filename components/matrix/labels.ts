import type { StatusFilter } from "@/lib/domain/matrix/types";
import type { ShownStatus } from "@/lib/domain/vocabulary";

/** One word per status a cell or a step shows, run states included (never colour alone). */
export const statusWords: Record<ShownStatus, string> = {
  pending: "Pending",
  done: "Done",
  skipped: "Skipped",
  reverted: "Reverted",
  queued: "Queued",
  running: "Running",
  failed: "Failed",
  unknown: "Unknown",
};

export const filterWords: Record<StatusFilter, string> = {
  pending: "Pending",
  done: "Done",
  skipped: "Skipped",
  reverted: "Reverted",
  running: "Queued or running",
  failed: "Failed",
  unknown: "Outcome unknown",
  overridden: "Overridden",
  custom: "Custom",
};

export const pct = (n: number) => `${Math.round(n)}%`;
