import type { StepCategory } from "@/db/schema/vocabulary";
/**
 * Progress (spec 8.2, FET-005), pure: the views compute it from one SQL aggregate of step counts.
 *
 * - Per customer: done / total × 100. Skipped steps are their own count (a segment of the bar),
 *   not "done"; a customer whose steps are all done or skipped is complete.
 * - Per cluster: the average of its customers' percentages. Overall: the average over customers
 *   (not over clusters, so a big cluster weighs more than a small one).
 * - Deploy and verify separately, and both together.
 * - A customer with no steps (in that category) has nothing to track: it shows 0% and is not
 *   complete, and it is left out of averages so it neither drags them down nor props them up.
 *   Removed custom steps are not counted (the query leaves them out).
 */

export type Counts = { total: number; done: number; skipped: number };

export type Progress = Counts & {
  /** Steps still to do: pending and reverted. */
  open: number;
  /** done / total × 100, unrounded (round when drawing). */
  percent: number;
  /** skipped / total × 100: the bar's second segment. */
  skippedPercent: number;
  /** Every step done or skipped (and at least one step). */
  complete: boolean;
};

export type Average = {
  percent: number;
  skippedPercent: number;
  /** Customers with at least one step, i.e. those averaged. */
  customers: number;
  completeCustomers: number;
};

export const emptyCounts = (): Counts => ({ total: 0, done: 0, skipped: 0 });

export function progressOf(c: Counts): Progress {
  if (c.done < 0 || c.skipped < 0 || c.done + c.skipped > c.total) {
    throw new RangeError(`inconsistent counts: ${JSON.stringify(c)}`);
  }
  const open = c.total - c.done - c.skipped;
  if (c.total === 0) return { ...c, open: 0, percent: 0, skippedPercent: 0, complete: false };
  return {
    ...c,
    open,
    percent: (c.done / c.total) * 100,
    skippedPercent: (c.skipped / c.total) * 100,
    complete: open === 0,
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { total: a.total + b.total, done: a.done + b.done, skipped: a.skipped + b.skipped };
}

/** The mean of per-customer progress, skipping customers with nothing to do. */
export function averageOf(items: Progress[]): Average {
  const tracked = items.filter((p) => p.total > 0);
  if (tracked.length === 0) return { percent: 0, skippedPercent: 0, customers: 0, completeCustomers: 0 };
  const sum = (f: (p: Progress) => number) => tracked.reduce((s, p) => s + f(p), 0);
  return {
    percent: sum((p) => p.percent) / tracked.length,
    skippedPercent: sum((p) => p.skippedPercent) / tracked.length,
    customers: tracked.length,
    completeCustomers: tracked.filter((p) => p.complete).length,
  };
}

/** One row of the aggregate: a customer's counts in one category. */
export type CountRow = Counts & { customerId: number; clusterId: number; category: StepCategory };

export type ByCategory<T> = { all: T; deploy: T; verify: T };

export type ReleaseProgress = {
  customers: Map<number, ByCategory<Progress> & { clusterId: number }>;
  clusters: Map<number, ByCategory<Average>>;
  overall: ByCategory<Average>;
};

/** Folds per-customer, per-category counts into customer, cluster and overall progress. */
export function summarize(rows: CountRow[]): ReleaseProgress {
  const counts = new Map<number, { clusterId: number; deploy: Counts; verify: Counts }>();
  for (const r of rows) {
    const entry = counts.get(r.customerId) ?? { clusterId: r.clusterId, deploy: emptyCounts(), verify: emptyCounts() };
    entry[r.category] = addCounts(entry[r.category], r);
    counts.set(r.customerId, entry);
  }

  const customers: ReleaseProgress["customers"] = new Map();
  for (const [id, c] of counts) {
    customers.set(id, {
      clusterId: c.clusterId,
      deploy: progressOf(c.deploy),
      verify: progressOf(c.verify),
      all: progressOf(addCounts(c.deploy, c.verify)),
    });
  }

  const byCategory = (list: Array<ByCategory<Progress>>): ByCategory<Average> => ({
    all: averageOf(list.map((p) => p.all)),
    deploy: averageOf(list.map((p) => p.deploy)),
    verify: averageOf(list.map((p) => p.verify)),
  });

  const perCluster = new Map<number, Array<ByCategory<Progress>>>();
  for (const p of customers.values()) {
    const list = perCluster.get(p.clusterId) ?? [];
    list.push(p);
    perCluster.set(p.clusterId, list);
  }
  const clusters: ReleaseProgress["clusters"] = new Map();
  for (const [id, list] of perCluster) clusters.set(id, byCategory(list));

  return { customers, clusters, overall: byCategory([...customers.values()]) };
}

/** "2/3 done" style label; skipped steps are mentioned only when there are some. */
export function countLabel(p: Counts): string {
  return `${p.done}/${p.total} done${p.skipped ? `, ${p.skipped} skipped` : ""}`;
}
