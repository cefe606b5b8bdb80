import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import type { CustomerStepDTO } from "@/lib/domain/steps/types";
import type { StepStatus } from "@/lib/domain/vocabulary";

export const statusLabels: Record<StepStatus, string> = { pending: "Pending", done: "Done", skipped: "Skipped", reverted: "Reverted" };

const iconTone: Record<StepStatus, string> = {
  done: "text-emerald-600 dark:text-emerald-400",
  pending: "text-sky-600 dark:text-sky-400",
  skipped: "text-zinc-500 dark:text-zinc-400",
  reverted: "text-rose-600 dark:text-rose-400",
};

/** The status as an icon whose shape differs per state (never colour alone). */
export function StatusIcon({ status, className }: { status: StepStatus; className?: string }) {
  const common = cn("size-5 shrink-0", iconTone[status], className);
  switch (status) {
    case "done":
      return (
        <svg viewBox="0 0 20 20" fill="currentColor" className={common} aria-hidden>
          <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.86-9.86a.75.75 0 0 0-1.22-.88l-3.24 4.5-1.6-1.6a.75.75 0 1 0-1.06 1.06l2.22 2.22a.75.75 0 0 0 1.14-.09l3.76-5.21Z" clipRule="evenodd" />
        </svg>
      );
    case "skipped":
      return (
        <svg viewBox="0 0 20 20" fill="currentColor" className={common} aria-hidden>
          <path fillRule="evenodd" d="M2 10a8 8 0 1 1 16 0 8 8 0 0 1-16 0Zm5-2.25A.75.75 0 0 1 7.75 7h.5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-.75.75h-.5a.75.75 0 0 1-.75-.75v-4.5Zm4 0a.75.75 0 0 1 .75-.75h.5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-.75.75h-.5a.75.75 0 0 1-.75-.75v-4.5Z" clipRule="evenodd" />
        </svg>
      );
    case "reverted":
      return (
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className={common} aria-hidden>
          <circle cx="10" cy="10" r="7.2" />
          <path d="M7.5 8.5h4a2 2 0 0 1 0 4H9M7.5 8.5 9.5 6.5M7.5 8.5l2 2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    default:
      return (
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" strokeDasharray="3 2.2" className={common} aria-hidden>
          <circle cx="10" cy="10" r="7.2" />
        </svg>
      );
  }
}

const textTone: Record<StepStatus, string> = {
  done: "text-emerald-700 dark:text-emerald-300",
  pending: "text-sky-700 dark:text-sky-300",
  skipped: "text-zinc-600 dark:text-zinc-400",
  reverted: "text-rose-700 dark:text-rose-300",
};

export function StatusLabel({ status }: { status: StepStatus }) {
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-sm font-medium", textTone[status])}>
      <StatusIcon status={status} className="size-4" />
      {statusLabels[status]}
    </span>
  );
}

/** Custom / Overridden markers (spec 5.5 legend). */
export function SourceBadges({ step }: { step: Pick<CustomerStepDTO, "source"> }) {
  if (step.source === "custom") return <Badge tone="violet">★ Custom</Badge>;
  if (step.source === "overridden") return <Badge tone="amber">⚠ Overridden</Badge>;
  return null;
}
