import type { StatusFilter } from "@/lib/domain/matrix/types";
import type { StepStatus } from "@/lib/domain/vocabulary";

export const statusWords: Record<StepStatus, string> = { pending: "Pending", done: "Done", skipped: "Skipped", reverted: "Reverted" };

export const filterWords: Record<StatusFilter, string> = {
  pending: "Pending",
  done: "Done",
  skipped: "Skipped",
  reverted: "Reverted",
  overridden: "Overridden",
  custom: "Custom",
};

export const pct = (n: number) => `${Math.round(n)}%`;
