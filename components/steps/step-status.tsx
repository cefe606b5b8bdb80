import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import type { CustomerStepDTO } from "@/lib/domain/steps/types";
import type { ShownStatus } from "@/lib/domain/vocabulary";

export const statusLabels: Record<ShownStatus, string> = {
  pending: "Pending",
  done: "Done",
  skipped: "Skipped",
  reverted: "Reverted",
  queued: "Queued for an agent",
  running: "Running on an agent",
  failed: "Failed",
  unknown: "Outcome unknown",
};

/** What a step shows: its run state while an agent has it, its status otherwise. */
export const shownStatus = (step: Pick<CustomerStepDTO, "status" | "runState">): ShownStatus => step.runState ?? step.status;

const iconTone: Record<ShownStatus, string> = {
  done: "text-emerald-600 dark:text-emerald-400",
  pending: "text-sky-600 dark:text-sky-400",
  skipped: "text-zinc-500 dark:text-zinc-400",
  reverted: "text-rose-600 dark:text-rose-400",
  queued: "text-sky-600 dark:text-sky-400",
  running: "text-indigo-600 dark:text-indigo-300",
  failed: "text-red-600 dark:text-red-400",
  unknown: "text-amber-600 dark:text-amber-400",
};

/** The status as an icon whose shape differs per state (never colour alone). */
export function StatusIcon({ status, className }: { status: ShownStatus; className?: string }) {
  const common = cn("size-5 shrink-0", iconTone[status], className);
  switch (status) {
    case "queued":
      return (
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" className={common} aria-hidden>
          <circle cx="10" cy="10" r="7.2" />
          <path d="M10 6v4l2.5 2" />
        </svg>
      );
    case "running":
      return (
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className={cn(common, "motion-safe:animate-spin")} aria-hidden>
          <path d="M10 2.8a7.2 7.2 0 1 1-7.2 7.2" />
        </svg>
      );
    case "failed":
      return (
        <svg viewBox="0 0 20 20" fill="currentColor" className={common} aria-hidden>
          <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM8.28 7.22a.75.75 0 0 0-1.06 1.06L8.94 10l-1.72 1.72a.75.75 0 1 0 1.06 1.06L10 11.06l1.72 1.72a.75.75 0 1 0 1.06-1.06L11.06 10l1.72-1.72a.75.75 0 0 0-1.06-1.06L10 8.94 8.28 7.22Z" clipRule="evenodd" />
        </svg>
      );
    case "unknown":
      return (
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" className={common} aria-hidden>
          <circle cx="10" cy="10" r="7.2" />
          <path d="M8 8a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.2M10 13.6v.1" />
        </svg>
      );
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

export const textTone: Record<ShownStatus, string> = {
  done: "text-emerald-700 dark:text-emerald-300",
  pending: "text-sky-700 dark:text-sky-300",
  skipped: "text-zinc-600 dark:text-zinc-400",
  reverted: "text-rose-700 dark:text-rose-300",
  queued: "text-sky-700 dark:text-sky-300",
  running: "text-indigo-700 dark:text-indigo-300",
  failed: "text-red-700 dark:text-red-400",
  unknown: "text-amber-800 dark:text-amber-300",
};

export function StatusLabel({ status }: { status: ShownStatus }) {
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-sm font-medium", textTone[status])}>
      <StatusIcon status={status} className="size-4" />
      {statusLabels[status]}
    </span>
  );
}

/** Custom / Overridden markers (spec 5.5 legend), and whether an agent runs it. */
export function SourceBadges({ step }: { step: Pick<CustomerStepDTO, "source"> & Partial<Pick<CustomerStepDTO, "execution">> }) {
  const agent = step.execution === "agent" ? <Badge tone="blue">Agent</Badge> : step.execution === "manifest" ? <Badge tone="blue">GitOps</Badge> : null;
  if (step.source === "custom") return <>{agent}<Badge tone="violet">★ Custom</Badge></>;
  if (step.source === "overridden") return <>{agent}<Badge tone="amber">⚠ Overridden</Badge></>;
  return agent;
}
