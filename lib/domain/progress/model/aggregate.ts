/**
 * Pure derivations from step-count rows (progress/queries/step-counts.ts): per release, pooled
 * per customer, quick stats, open steps per cluster. No database, no React: unit-tested.
 */
import { progressOf, summarize, type ByCategory, type Progress, type ReleaseProgress } from "./progress";
import type { ReleaseCountRow } from "@/lib/domain/progress/queries/step-counts";
import type { QuickStats } from "@/lib/domain/dashboard/types";

/** Rows of many releases → one `summarize` per release. */
export function progressByRelease(rows: ReleaseCountRow[]): Map<number, ReleaseProgress> {
  const grouped = new Map<number, ReleaseCountRow[]>();
  for (const r of rows) grouped.set(r.releaseId, [...(grouped.get(r.releaseId) ?? []), r]);
  return new Map([...grouped].map(([id, list]) => [id, summarize(list)]));
}

/** Each customer's steps across all the given releases pooled: done / total over every step. */
export function pooledProgressByCustomer(rows: ReleaseCountRow[]): Map<number, ByCategory<Progress>> {
  const pooled = summarize(rows).customers;
  return new Map([...pooled].map(([id, p]) => [id, { all: p.all, deploy: p.deploy, verify: p.verify }]));
}

/** Quick stats (FV-001) from the active releases' count rows: steps by status, releases with steps. */
export function quickStatsOf(rows: ReleaseCountRow[]): QuickStats {
  const stats: QuickStats = { releases: new Set(rows.map((r) => r.releaseId)).size, pending: 0, done: 0, skipped: 0, reverted: 0, failed: 0, unknown: 0, total: 0 };
  for (const r of rows) {
    stats.done += r.done;
    stats.skipped += r.skipped;
    stats.reverted += r.reverted;
    stats.failed += r.failed ?? 0;
    stats.unknown += r.unknown ?? 0;
    // Open and not left failed or unknown by an agent: each open step counts once.
    stats.pending += r.total - r.done - r.skipped - r.reverted - (r.failed ?? 0) - (r.unknown ?? 0);
    stats.total += r.total;
  }
  return stats;
}

/** Steps still to do (pending or reverted) per cluster, from the same rows. */
export function openStepsByCluster(rows: ReleaseCountRow[]): Map<number, number> {
  const open = new Map<number, number>();
  for (const r of rows) open.set(r.clusterId, (open.get(r.clusterId) ?? 0) + r.total - r.done - r.skipped);
  return open;
}

/** Steps still to do (pending or reverted) in a set of count rows. */
export function openStepsOf(rows: Array<{ total: number; done: number; skipped: number }>): number {
  return rows.reduce((n, r) => n + r.total - r.done - r.skipped, 0);
}

/** Progress of nothing: for a customer that has no steps in a release (yet). */
export const noProgress = (): ByCategory<Progress> => {
  const empty = progressOf({ total: 0, done: 0, skipped: 0 });
  return { all: empty, deploy: empty, verify: empty };
};
