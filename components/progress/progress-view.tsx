import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress";
import { cn } from "@/lib/cn";
import { countLabel, type Average, type ByCategory, type Progress } from "@/lib/domain/progress/model/progress";
import { stepCategories } from "@/lib/domain/vocabulary";

/** "Complete" with a check, so completion never relies on the bar's colour. */
export function CompleteMarker({ className }: { className?: string }) {
  return (
    <Badge tone="green" className={className}>
      <svg viewBox="0 0 16 16" fill="currentColor" className="size-3" aria-hidden>
        <path fillRule="evenodd" d="M12.42 4.58a.75.75 0 0 1 0 1.06l-5.5 5.5a.75.75 0 0 1-1.06 0l-2.5-2.5a.75.75 0 1 1 1.06-1.06l1.97 1.97 4.97-4.97a.75.75 0 0 1 1.06 0Z" clipRule="evenodd" />
      </svg>
      Complete
    </Badge>
  );
}

/**
 * One customer's progress in one scope: the bar (done + skipped), "x/y done" and the complete
 * marker. `inline` puts the words beside the bar (wide table cells); `showComplete` off where a
 * parent already says so.
 */
export function CustomerProgress({
  progress,
  label,
  className,
  inline = false,
  showComplete = true,
  children,
}: {
  progress: Progress;
  label: string;
  className?: string;
  inline?: boolean;
  showComplete?: boolean;
  children?: ReactNode;
}) {
  const words = (
    <>
      <span className="tabular-nums">{progress.total ? countLabel(progress) : "No steps"}</span>
      {showComplete && progress.complete ? <CompleteMarker /> : null}
      {children}
    </>
  );
  if (inline) {
    return (
      <div className={cn("flex flex-wrap items-center gap-x-4 gap-y-1.5 text-xs text-zinc-600 dark:text-zinc-400", className)}>
        <ProgressBar className="w-52" done={progress.done} skipped={progress.skipped} total={progress.total} label={label} />
        {words}
      </div>
    );
  }
  return (
    <div className={cn("min-w-36", className)}>
      <ProgressBar done={progress.done} skipped={progress.skipped} total={progress.total} label={label} />
      <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">{words}</div>
    </div>
  );
}

/**
 * An average (cluster, release) as a bar: done solid, skipped hatched, the done % as text. Takes
 * percentages, not counts, since an average of customers has no step count of its own.
 */
export function AverageBar({ average, label, className, showText = true }: { average: Average; label: string; className?: string; showText?: boolean }) {
  const pct = Math.round(average.percent);
  const skipped = Math.round(average.skippedPercent);
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% done${skipped ? `, ${skipped}% skipped` : ""}`}
        className="flex h-2 min-w-16 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-emerald-500 transition-[width] duration-300" style={{ width: `${average.percent}%` }} />
        <div
          className="h-full bg-[repeating-linear-gradient(45deg,var(--color-zinc-400)_0_2px,transparent_2px_5px)] transition-[width] duration-300 dark:bg-[repeating-linear-gradient(45deg,var(--color-zinc-500)_0_2px,transparent_2px_5px)]"
          style={{ width: `${average.skippedPercent}%` }}
        />
      </div>
      {showText ? <span className="w-10 text-right text-xs font-medium tabular-nums text-zinc-600 dark:text-zinc-400">{pct}%</span> : null}
    </div>
  );
}

/** Legend for the bars: what solid and hatched mean. */
export function BarLegend({ className }: { className?: string }) {
  return (
    <p className={cn("flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400", className)}>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-2 w-4 rounded-sm bg-emerald-500" /> Done
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-2 w-4 rounded-sm bg-[repeating-linear-gradient(45deg,var(--color-zinc-400)_0_2px,transparent_2px_5px)] ring-1 ring-zinc-300 ring-inset dark:ring-zinc-600" /> Skipped
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-2 w-4 rounded-sm bg-zinc-200 dark:bg-zinc-800" /> To do
      </span>
    </p>
  );
}

/** Deploy and verify side by side, each a small bar with its percentage (spec 8.2, "By category"). */
export function CategorySplit({ progress, label }: { progress: ByCategory<Average>; label: string }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1">
      {stepCategories.map((category) => (
        <div key={category} className="min-w-0">
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{category === "deploy" ? "Deploy" : "Verify"}</dt>
          <dd>
            {progress[category].customers ? (
              <AverageBar average={progress[category]} label={`${label}: ${category} progress`} />
            ) : (
              <span className="text-xs text-zinc-500 dark:text-zinc-400">No {category} steps</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
