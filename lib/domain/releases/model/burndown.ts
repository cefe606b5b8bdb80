import type { StepCategory } from "@/lib/domain/vocabulary";

/** One day's change in steps left to do, for one category and cluster (from the step history). */
export type BurndownDelta = { day: string; category: StepCategory; clusterId: number; delta: number };

export type BurndownPoint = { day: string; all: number; deploy: number; verify: number };

export type Burndown = {
  points: BurndownPoint[];
  /** Per cluster: left now, and the pace of the last week. */
  clusters: { id: number; name: string; left: number; perDay: number }[];
  left: number;
  /** Steps closed per day over the last `window` days (net of reverts), or 0. */
  perDay: number;
  window: number;
  /** The day the work left runs out at that pace; null when nothing is left or nothing moves. */
  projected: string | null;
  targetDate: string | null;
  /** Of the steps left now, how many an agent left failed or with an unknown outcome (a person decides them). */
  failed?: number;
  unknown?: number;
};

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Steps left to do (pending or reverted) at the end of each day, from the first change to today:
 * a step counts from the day it was created; done or skipped takes it off, a revert or un-skip
 * puts it back. The pace is how many came off per day over the last week, and the projection
 * divides what is left by it.
 */
export function buildBurndown(
  deltas: BurndownDelta[],
  clusterNames: Map<number, string>,
  { today, targetDate, window = 7 }: { today: string; targetDate: string | null; window?: number },
): Burndown {
  const sorted = [...deltas].sort((a, b) => a.day.localeCompare(b.day));
  const first = sorted[0]?.day ?? today;
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${today}T00:00:00Z`);
  const byDay = new Map<string, BurndownDelta[]>();
  for (const d of sorted) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d]);

  const running = { deploy: 0, verify: 0 };
  const perCluster = new Map<number, number>();
  const clusterHistory = new Map<number, number[]>();
  const points: BurndownPoint[] = [];
  for (let t = start; t <= Math.max(start, end); t += DAY) {
    const day = dayOf(t);
    for (const d of byDay.get(day) ?? []) {
      running[d.category] += d.delta;
      perCluster.set(d.clusterId, (perCluster.get(d.clusterId) ?? 0) + d.delta);
    }
    for (const id of new Set([...perCluster.keys(), ...clusterHistory.keys()])) clusterHistory.set(id, [...(clusterHistory.get(id) ?? []), perCluster.get(id) ?? 0]);
    points.push({ day, all: running.deploy + running.verify, deploy: running.deploy, verify: running.verify });
  }
  const last = points.at(-1)!;
  const pace = (series: number[]) => {
    const now = series.at(-1) ?? 0;
    const then = series.length > window ? series[series.length - 1 - window] : series[0] ?? 0;
    const span = Math.min(window, Math.max(series.length - 1, 1));
    return Math.max(0, (then - now) / span);
  };
  const perDay = pace(points.map((p) => p.all));
  const projected = last.all > 0 && perDay > 0 ? dayOf(end + Math.ceil(last.all / perDay) * DAY) : null;
  const clusters = [...clusterHistory.entries()]
    .map(([id, series]) => ({ id, name: clusterNames.get(id) ?? `#${id}`, left: series.at(-1) ?? 0, perDay: pace(series) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { points, clusters, left: last.all, perDay, window, projected, targetDate };
}
