/**
 * Pure helpers behind the dashboard, cluster view, customer history and customer sorting: they
 * turn the aggregate rows into what the pages draw. No database, no React: unit-tested.
 */
import { progressOf, summarize, type ByCategory, type Progress, type ReleaseProgress } from "@/lib/domain/progress/progress";
import type { ReleaseCountRow } from "@/lib/domain/progress/queries";
import type { ActivityKind, QuickStats } from "./types";

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
  const stats: QuickStats = { releases: new Set(rows.map((r) => r.releaseId)).size, pending: 0, done: 0, skipped: 0, reverted: 0, total: 0 };
  for (const r of rows) {
    stats.done += r.done;
    stats.skipped += r.skipped;
    stats.reverted += r.reverted;
    stats.pending += r.total - r.done - r.skipped - r.reverted;
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

export type CustomerSort = "name" | "cluster" | "progress";

type Sortable = { id: number; name: string; clusterName?: string; progress?: Progress | null };

const byText = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true });

/**
 * Spec 8.3. "progress" puts the customers with the most work left first: by the share of steps
 * handled (done or skipped), then by done %, then name; customers with nothing to track come last.
 * "cluster" groups by cluster, then name. Stable and total (ties broken by id).
 */
export function sortCustomers<T extends Sortable>(list: readonly T[], sort: CustomerSort): T[] {
  const handled = (p: Progress) => (p.done + p.skipped) / p.total;
  const compare = (a: T, b: T): number => {
    if (sort === "progress") {
      const pa = a.progress && a.progress.total > 0 ? a.progress : null;
      const pb = b.progress && b.progress.total > 0 ? b.progress : null;
      if (pa && !pb) return -1;
      if (!pa && pb) return 1;
      if (pa && pb) {
        const d = handled(pa) - handled(pb) || pa.percent - pb.percent;
        if (d !== 0) return d;
      }
    }
    if (sort === "cluster") {
      const d = byText(a.clusterName ?? "", b.clusterName ?? "");
      if (d !== 0) return d;
    }
    return byText(a.name, b.name) || a.id - b.id;
  };
  return [...list].sort(compare);
}

/** Parses `?sort=` for views that sort customers; anything unknown falls back. */
export function parseCustomerSort<T extends CustomerSort>(raw: unknown, allowed: readonly T[], fallback: T): T {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : fallback;
}

/** Short words for the activity feed: "[v2.5.0] customer-a (prod-us) — Deploy 3. Run SQL — Done". */
export const activityLabels: Record<ActivityKind, string> = {
  marked_done: "Done",
  skipped: "Skipped",
  unskipped: "Un-skipped",
  reverted: "Reverted",
  content_overridden: "Overridden",
  reset_to_template: "Reset to template",
  custom_edited: "Custom step edited",
  custom_removed: "Custom step removed",
  custom_added: "Custom step added",
  notes_updated: "Notes updated",
  edited_via_template: "Updated from template",
  template_removed: "Template step deleted",
};

/** Event kinds the feed leaves out: template edits fan out to every customer and would flood it. */
export const fanOutKinds = ["edited_via_template", "template_removed"] as const;

/** "10:45" today, "12 Nov 10:45" this year, "12 Nov 2025" before (server-side, server's zone). */
export function activityTime(at: Date, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const hm = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  if (sameDay) return hm;
  const month = at.toLocaleString("en-GB", { month: "short" });
  if (at.getFullYear() === now.getFullYear()) return `${at.getDate()} ${month} ${hm}`;
  return `${at.getDate()} ${month} ${at.getFullYear()}`;
}

/** "today 15:13", "yesterday 09:02", else as `activityTime` (server-side, server's zone). */
export function dayTime(at: Date, now: Date = new Date()): string {
  const t = activityTime(at, now);
  if (!t.includes(" ")) return `today ${t}`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  const sameDay = at.getFullYear() === yesterday.getFullYear() && at.getMonth() === yesterday.getMonth() && at.getDate() === yesterday.getDate();
  return sameDay ? `yesterday ${t.split(" ").at(-1)}` : t;
}

/** A note worth showing next to an activity line, from the event's detail. */
export function activityNote(kind: ActivityKind, detail: Record<string, unknown> | null): string | null {
  const text = (k: string) => {
    const v = detail?.[k];
    return typeof v === "string" && v.trim() ? v.trim() : null;
  };
  if (kind === "skipped" || kind === "reverted") return text("reason");
  if (kind === "marked_done" || kind === "notes_updated") return text("notes");
  return null;
}

/** Progress of nothing: for a customer that has no steps in a release (yet). */
export const noProgress = (): ByCategory<Progress> => {
  const empty = progressOf({ total: 0, done: 0, skipped: 0 });
  return { all: empty, deploy: empty, verify: empty };
};
