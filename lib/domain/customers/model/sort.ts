import type { Progress } from "@/lib/domain/progress/model/progress";

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
