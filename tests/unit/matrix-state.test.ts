import { describe, expect, it } from "vitest";
import { applyCellUpdate, initialState, progressFromCounts } from "@/components/matrix/matrix-state";
import { matrixHref, parseMatrixParams, toggleOpen } from "@/lib/domain/matrix/model/params";
import { buildRows, customerMatches } from "@/lib/domain/matrix/model/rows";
import { CELL_CUSTOM, CELL_OVERRIDDEN, type MatrixCluster } from "@/lib/domain/matrix/types";
import { averageOf } from "@/lib/domain/progress/model/progress";

const cluster = (over: Partial<MatrixCluster>): MatrixCluster => ({
  id: 1,
  key: "0:1",
  anchor: "cluster-1",
  progressKey: 1,
  stage: null,
  name: "k",
  customerCount: 2,
  matchCount: 2,
  open: true,
  progress: { all: averageOf([]), deploy: averageOf([]), verify: averageOf([]) },
  customers: [],
  rowIndexes: [],
  cells: [],
  ...over,
});

function fixture() {
  const k = cluster({
    customers: [
      { id: 10, name: "a", namespace: "a", isActive: true },
      { id: 11, name: "b", namespace: "b", isActive: true },
    ],
    rowIndexes: [0, 1],
    cells: [
      [[100, "pending", 0, 1], [101, "done", 0, 2]],
      [[102, "pending", CELL_OVERRIDDEN, 3], null],
    ],
  });
  const counts = {
    "10": { clusterId: 1, deploy: { total: 2, done: 0, skipped: 0 }, verify: { total: 0, done: 0, skipped: 0 } },
    "11": { clusterId: 1, deploy: { total: 1, done: 1, skipped: 0 }, verify: { total: 0, done: 0, skipped: 0 } },
  };
  const overview = [[{ total: 2, done: 1, skipped: 0, overridden: 0 }], [{ total: 1, done: 0, skipped: 0, overridden: 1 }]];
  return initialState({ clusters: [k], counts, overview, params: { category: "deploy" } });
}

describe("applyCellUpdate", () => {
  it("changes one cell, its customer's counts and the overview, and leaves other rows untouched (same arrays)", () => {
    const s = fixture();
    const next = applyCellUpdate(s, { id: 100, status: "done", flags: 0, version: 2 });
    expect(next.clusters[0].cells[0]).toEqual([[100, "done", 0, 2], [101, "done", 0, 2]]);
    expect(next.clusters[0].cells[1]).toBe(s.clusters[0].cells[1]);
    expect(next.counts["10"].deploy).toEqual({ total: 2, done: 1, skipped: 0 });
    expect(next.counts["11"]).toBe(s.counts["11"]);
    expect(next.overview![0][0]).toEqual({ total: 2, done: 2, skipped: 0, overridden: 0 });
    const p = progressFromCounts(next.counts);
    expect(p.clusters.get(1)?.deploy.percent).toBeCloseTo((50 + 100) / 2);
  });

  it("ignores an older version, unknown steps and no-op updates; empties removed cells", () => {
    const s = fixture();
    expect(applyCellUpdate(s, { id: 101, status: "pending", flags: 0, version: 1 })).toBe(s);
    expect(applyCellUpdate(s, { id: 999, status: "done", flags: 0, version: 9 })).toBe(s);
    expect(applyCellUpdate(s, { id: 100, status: "pending", flags: 0, version: 1 })).toBe(s);
    const reset = applyCellUpdate(s, { id: 102, status: "skipped", flags: 0, version: 4 });
    expect(reset.overview![1][0]).toEqual({ total: 1, done: 0, skipped: 1, overridden: 0 });
    const removed = applyCellUpdate(s, { id: 102, status: "pending", flags: CELL_CUSTOM, version: 4, removed: true });
    expect(removed.clusters[0].cells[1][0]).toBeNull();
    expect(removed.counts["10"].deploy).toEqual({ total: 1, done: 0, skipped: 0 });
  });
});

describe("progressFromCounts", () => {
  it("leaves archived customers out of cluster and overall averages, as the server does", () => {
    const counts = {
      "10": { clusterId: 1, deploy: { total: 1, done: 1, skipped: 0 }, verify: { total: 0, done: 0, skipped: 0 } },
      "11": { clusterId: 1, deploy: { total: 1, done: 0, skipped: 0 }, verify: { total: 0, done: 0, skipped: 0 }, archived: true as const },
    };
    const p = progressFromCounts(counts);
    expect(p.overall.deploy).toMatchObject({ percent: 100, customers: 1, completeCustomers: 1 });
    expect(p.clusters.get(1)?.all).toMatchObject({ percent: 100, customers: 1 });
  });
});

describe("matrix URL params", () => {
  it("round-trips filters and falls back on nonsense", () => {
    const p = parseMatrixParams({ category: "verify", cluster: "3", status: "overridden", left: "1", archived: "1", open: "2.5" });
    expect(p).toEqual({ category: "verify", clusterId: 3, status: "overridden", workLeft: true, archived: true, open: [2, 5] });
    expect(parseMatrixParams(Object.fromEntries(new URLSearchParams(matrixHref(7, p).split("?")[1])))).toEqual(p);
    expect(parseMatrixParams({ category: "x", cluster: "-1", status: "bogus", open: "x" })).toEqual({ category: "deploy", workLeft: false, archived: false, open: "none" });
    expect(matrixHref(7, { category: "deploy", workLeft: false, archived: false, open: "default" })).toBe("/releases/7/matrix");
  });

  it("toggles one cluster open or closed", () => {
    expect(toggleOpen([1, 2], 2, [1, 2, 3])).toEqual([1]);
    expect(toggleOpen([1], 1, [1, 2])).toBe("none");
    expect(toggleOpen([1], 2, [1, 2])).toBe("all");
  });
});

describe("rows and filters", () => {
  it("orders template rows by position with custom rows between; one row per custom (position, name)", () => {
    const g = (over: object) => ({ templateId: null, customName: null, customOrder: null, type: "bash" as const, clusterId: 1, stageId: null, total: 1, done: 0, skipped: 0, overridden: 0, ...over });
    const rows = buildRows(
      [
        { id: 1, name: "A", type: "bash", orderIndex: 0, deleted: false },
        { id: 2, name: "B", type: "sql", orderIndex: 1, deleted: false },
        { id: 3, name: "Gone", type: "sql", orderIndex: 2, deleted: true },
      ],
      [g({ templateId: 1 }), g({ customName: "C", customOrder: 0.5 }), g({ customName: "C", customOrder: 0.5, clusterId: 2 })],
      (x) => (x.templateId !== null ? `t${x.templateId}` : `c${x.customOrder}:${x.customName}`),
    );
    expect(rows.map((r) => `${r.number ?? "★"} ${r.name}`)).toEqual(["1 A", "★ C", "2 B"]);
  });

  it("matches customers by status and work left", () => {
    const c = { total: 3, done: 1, skipped: 1, reverted: 1, overridden: 0, custom: 0, running: 0, failed: 0, unknown: 0 };
    expect(customerMatches(c, { status: "pending", workLeft: false })).toBe(false);
    expect(customerMatches({ ...c, failed: 1 }, { status: "failed", workLeft: true })).toBe(true);
    expect(customerMatches(c, { status: "unknown", workLeft: false })).toBe(false);
    expect(customerMatches(c, { status: "reverted", workLeft: true })).toBe(true);
    expect(customerMatches({ ...c, reverted: 0, done: 2 }, { workLeft: true })).toBe(false);
    expect(customerMatches(undefined, { workLeft: false })).toBe(true);
  });
});
