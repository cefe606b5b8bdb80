"use client";

import { useSyncExternalStore } from "react";
import { daysBetween } from "@/lib/time/format";
import { plural } from "@/lib/plural";
import { Day } from "./time";

const noSubscribe = () => () => {};
/** Today's calendar date in the viewer's zone (the server's during hydration). */
function useToday(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => new Date().toLocaleDateString("en-CA"),
    () => new Date().toISOString().slice(0, 10),
  );
}

/**
 * A release's target date, and — when it has passed with work left — how many days overdue,
 * counted on the viewer's calendar.
 */
export function TargetDate({ value, workLeft, className, withLabel = true }: { value: string | null; workLeft: boolean; className?: string; withLabel?: boolean }) {
  const today = useToday();
  if (!value) return <span className={className}>No target date</span>;
  const late = workLeft ? daysBetween(value, today) : 0;
  return (
    <span className={className}>
      {withLabel ? "Target " : null}
      <Day value={value} />
      {late > 0 ? (
        <span className="ml-1.5 font-medium text-red-700 dark:text-red-400" data-testid="overdue" suppressHydrationWarning>
          · {plural(late, "day")} overdue
        </span>
      ) : null}
    </span>
  );
}
