import v8 from "node:v8";

/**
 * How far V8 lets the heap grow past what is live before it collects again: 20 % (factor 1.2)
 * instead of V8's own, which lets a Node server's heap reach 2–4× its live data after a few
 * large pages. Measured by `npm run bench` on 500 and 2,000 customers (README, "Targets: met, and
 * not met yet"): peak RSS 293–314 → 202 MB and 483 → 264 MB, with no measurable change in a mark
 * done's CPU.
 *
 * It is not a ceiling: a heap cap (`--max-old-space-size=160`) crashed the server with "heap out
 * of memory" on four concurrent every-cluster-open pages of the 2,000-customer release, where
 * this only collects sooner. Set here, at start-up, so every way the server runs (the container,
 * `npm start`, the e2e suite, the bench) runs with it; HEAP_GROWING_PERCENT=0 restores V8's own.
 */
export function tuneHeapGrowth(value = process.env.HEAP_GROWING_PERCENT): number | null {
  // Called before anything validates the environment: a value `env:check` refuses (and 0, "V8's
  // own") leaves V8 as it is.
  const percent = value === undefined || value === "" ? 20 : Number(value);
  if (!Number.isInteger(percent) || percent <= 0 || percent > 400) return null;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
