/** The matrix legend (sketch 5.5): the same icon + word cells as the grid, and the markers. */
export function MatrixLegend() {
  const chip = "rsm-cell pointer-events-none !w-auto !min-w-0";
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Legend" role="group">
      <span className="font-semibold tracking-wide uppercase">Legend</span>
      <span className={`${chip} rsm-done`}>Done</span>
      <span className={`${chip} rsm-pending`}>Pending</span>
      <span className={`${chip} rsm-skipped`}>Skipped</span>
      <span className={`${chip} rsm-reverted`}>Reverted</span>
      <span className={`${chip} rsm-running`}>Running</span>
      <span className={`${chip} rsm-failed`}>Failed</span>
      <span className={`${chip} rsm-unknown`} title="An agent's lease ran out: it may or may not have run. A person decides.">Unknown</span>
      <span className="inline-flex items-center gap-1.5">
        <span className="rounded-full bg-amber-100 px-1.5 font-semibold text-amber-800 dark:bg-amber-500/20 dark:text-amber-300">⚠</span> Overridden
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span className="rounded-full bg-violet-100 px-1.5 font-semibold text-violet-800 dark:bg-violet-500/20 dark:text-violet-200">★</span> Custom step
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span className="rounded-full bg-amber-200 px-1.5 font-semibold text-amber-900 dark:bg-amber-500/35 dark:text-amber-200">⚠Δ</span> Template changed since override
      </span>
      <span className="inline-flex items-center gap-1.5" title="Done by a merge into the manifest repository; someone edited the file there since (found by Compare with the repository).">
        <span className="rounded-full bg-orange-100 px-1.5 font-semibold text-orange-800 dark:bg-orange-500/25 dark:text-orange-200">≠</span> Changed in the manifest repository
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span className="rounded-full bg-red-100 px-1.5 font-semibold text-red-800 dark:bg-red-500/25 dark:text-red-200">{"{ }"}</span> Needs a value
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span className="font-semibold">—</span> Not applicable
      </span>
    </div>
  );
}
