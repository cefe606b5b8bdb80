import type { Average } from "@/lib/domain/progress/model/progress";
import { cn } from "@/lib/cn";

/**
 * An averaged progress bar (cluster or release, spec 8.2): done solid, skipped hatched, the
 * percentage as text, so it never depends on colour alone.
 */
export function AverageBar({ value, label, className }: { value: Pick<Average, "percent" | "skippedPercent">; label: string; className?: string }) {
  const done = Math.round(value.percent);
  const skipped = Math.round(value.skippedPercent);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={done}
      aria-valuetext={`${done}% done${skipped ? `, ${skipped}% skipped` : ""}`}
      className={cn("flex h-2 min-w-16 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800", className)}
    >
      <div className="h-full bg-emerald-500 transition-[width] duration-300" style={{ width: `${value.percent}%` }} />
      <div
        className="h-full bg-[repeating-linear-gradient(45deg,#a1a1aa_0_2px,transparent_2px_5px)] transition-[width] duration-300 dark:bg-[repeating-linear-gradient(45deg,#71717a_0_2px,transparent_2px_5px)]"
        style={{ width: `${value.skippedPercent}%` }}
      />
    </div>
  );
}
