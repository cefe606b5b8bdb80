import { averageOf, progressOf, summarize, type Average, type ByCategory, type CountRow, type Counts } from "@/lib/domain/progress/model/progress";
import { CELL_OVERRIDDEN, type Cell, type CellStatus, type CustomerCounts, type Matrix, type MatrixCluster, type RowClusterCounts } from "@/lib/domain/matrix/types";
import type { StepCategory } from "@/lib/domain/vocabulary";

/**
 * The matrix's browser state: the cells of the expanded clusters and the counts progress is
 * computed from. A step action returns one changed step; `applyCellUpdate` changes that cell and
 * the counts, leaving every other row's arrays untouched so memoised rows do not re-render.
 */
export type MatrixState = {
  category: StepCategory;
  clusters: MatrixCluster[];
  counts: Record<string, CustomerCounts>;
  overview: RowClusterCounts[][] | null;
  /** Where each shown step is: cluster k, row position i, customer position j. */
  where: Map<number, { k: number; i: number; j: number }>;
};

/** A step as it is now. `removed` (a deleted custom step) empties the cell. */
export type CellUpdate = { id: number; status: CellStatus; flags: number; version: number; removed?: boolean };

export function initialState(m: Pick<Matrix, "clusters" | "counts" | "overview"> & { params: { category: StepCategory } }): MatrixState {
  const where = new Map<number, { k: number; i: number; j: number }>();
  m.clusters.forEach((cluster, k) =>
    cluster.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (cell) where.set(cell[0], { k, i, j });
      }),
    ),
  );
  return { category: m.params.category, clusters: m.clusters, counts: m.counts, overview: m.overview, where };
}

function shift(c: Counts & { overridden?: number }, cell: Cell | null, sign: 1 | -1, withOverridden: boolean) {
  if (!cell) return;
  c.total += sign;
  if (cell[1] === "done") c.done += sign;
  if (cell[1] === "skipped") c.skipped += sign;
  if (withOverridden && cell[2] & CELL_OVERRIDDEN) c.overridden = (c.overridden ?? 0) + sign;
}

export function applyCellUpdate(state: MatrixState, u: CellUpdate): MatrixState {
  const at = state.where.get(u.id);
  if (!at) return state;
  const cluster = state.clusters[at.k];
  const before = cluster.cells[at.i][at.j];
  // An older answer arriving after a newer one must not win.
  if (before && !u.removed && u.version < before[3]) return state;
  const after: Cell | null = u.removed ? null : [u.id, u.status, u.flags, u.version];
  if (before && after && before[1] === after[1] && before[2] === after[2] && before[3] === after[3]) return state;

  const row = [...cluster.cells[at.i]];
  row[at.j] = after;
  const cells = [...cluster.cells];
  cells[at.i] = row;
  const clusters = [...state.clusters];
  clusters[at.k] = { ...cluster, cells };

  const customerId = String(cluster.customers[at.j].id);
  const mine = state.counts[customerId];
  const counts = { ...state.counts };
  if (mine) {
    const c = { ...mine[state.category] };
    shift(c, before, -1, false);
    shift(c, after, 1, false);
    counts[customerId] = { ...mine, [state.category]: c };
  }

  let overview = state.overview;
  if (overview) {
    const r = cluster.rowIndexes[at.i];
    const o = { ...overview[r][at.k] };
    shift(o, before, -1, true);
    shift(o, after, 1, true);
    const line = [...overview[r]];
    line[at.k] = o;
    overview = [...overview];
    overview[r] = line;
  }
  return { ...state, clusters, counts, overview };
}

/** Cluster and overall progress (spec 8.2) from the current counts: the same pure module as the server. */
export function progressFromCounts(counts: Record<string, CustomerCounts>): {
  clusters: Map<number, ByCategory<Average>>;
  overall: ByCategory<Average>;
} {
  const rows: CountRow[] = [];
  for (const [id, c] of Object.entries(counts)) {
    // The same rule as the server's aggregate: an archived customer is out of the release's numbers.
    if (c.archived) continue;
    rows.push({ customerId: Number(id), clusterId: c.clusterId, category: "deploy", ...c.deploy });
    rows.push({ customerId: Number(id), clusterId: c.clusterId, category: "verify", ...c.verify });
  }
  const s = summarize(rows);
  return { clusters: s.clusters, overall: s.overall };
}

export const customerProgress = (c: CustomerCounts | undefined, category: StepCategory) => progressOf(c?.[category] ?? { total: 0, done: 0, skipped: 0 });
export const emptyAverage = (): Average => averageOf([]);
