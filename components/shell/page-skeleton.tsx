/** Shown at once when a page is on its way (a click on the navigation never looks dead). */
export function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div className="mb-8 space-y-3">
        <div className="h-7 w-56 rounded-md bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-4 w-96 max-w-full rounded bg-zinc-200/70 dark:bg-zinc-800/70" />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
            <div className="h-4 w-1/3 rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-3 w-full rounded bg-zinc-100 dark:bg-zinc-800/70" />
            <div className="h-3 w-5/6 rounded bg-zinc-100 dark:bg-zinc-800/70" />
            <div className="h-3 w-2/3 rounded bg-zinc-100 dark:bg-zinc-800/70" />
          </div>
        ))}
      </div>
    </div>
  );
}
