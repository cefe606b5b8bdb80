import { cn } from "@/lib/cn";

/**
 * Done (solid) and skipped (hatched) segments of one bar, with the percentage as text, so the
 * state never depends on colour alone.
 */
export function ProgressBar({
  done,
  skipped = 0,
  total,
  label,
  className,
  showText = true,
}: {
  done: number;
  skipped?: number;
  total: number;
  label: string;
  className?: string;
  showText?: boolean;
}) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  const skippedPct = total > 0 ? (skipped / total) * 100 : 0;
  const donePct = total > 0 ? (done / total) * 100 : 0;
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% done${skipped ? `, ${skipped} skipped` : ""}`}
        className="flex h-2 min-w-16 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-emerald-500" style={{ width: `${donePct}%` }} />
        <div
          className="h-full bg-[repeating-linear-gradient(45deg,var(--color-zinc-400)_0_2px,transparent_2px_5px)] dark:bg-[repeating-linear-gradient(45deg,var(--color-zinc-500)_0_2px,transparent_2px_5px)]"
          style={{ width: `${skippedPct}%` }}
        />
      </div>
      {showText ? <span className="w-10 text-right text-xs font-medium tabular-nums text-zinc-600 dark:text-zinc-400">{pct}%</span> : null}
    </div>
  );
}
