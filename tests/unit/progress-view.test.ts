import { describe, expect, it } from "vitest";
import { activityNote } from "@/lib/domain/dashboard/model/activity";
import { openStepsByCluster, openStepsOf, pooledProgressByCustomer, progressByRelease, quickStatsOf } from "@/lib/domain/progress/model/aggregate";
import { parseCustomerSort, sortCustomers } from "@/lib/domain/customers/model/sort";
import { progressOf } from "@/lib/domain/progress/model/progress";
import type { ReleaseCountRow } from "@/lib/domain/progress/queries/step-counts";

const row = (
  releaseId: number,
  customerId: number,
  category: "deploy" | "verify",
  total: number,
  done: number,
  skipped = 0,
  reverted = 0,
  failed = 0,
  unknown = 0,
): ReleaseCountRow => ({
  releaseId,
  reverted,
  failed,
  unknown,
  customerId,
  clusterId: customerId < 10 ? 1 : 2,
  category,
  total,
  done,
  skipped,
});

describe("progressByRelease / pooledProgressByCustomer", () => {
  const rows = [row(1, 1, "deploy", 4, 2), row(1, 1, "verify", 1, 1), row(1, 11, "deploy", 4, 0, 4), row(2, 1, "deploy", 5, 0)];

  it("summarizes each release on its own", () => {
    const byRelease = progressByRelease(rows);
    expect([...byRelease.keys()]).toEqual([1, 2]);
    // Release 1: customer 1 3/5 = 60%, customer 11 0/4 (all skipped, complete) = 0% → 30%.
    expect(byRelease.get(1)!.overall.all).toMatchObject({ percent: 30, customers: 2, completeCustomers: 1 });
    expect(byRelease.get(1)!.clusters.get(2)!.all).toMatchObject({ percent: 0, skippedPercent: 100, completeCustomers: 1 });
    expect(byRelease.get(2)!.customers.get(1)!.all).toMatchObject({ total: 5, done: 0, complete: false });
  });

  it("pools a customer's steps across releases: done / total over all of them", () => {
    const pooled = pooledProgressByCustomer(rows);
    expect(pooled.get(1)!.all).toMatchObject({ total: 10, done: 3, percent: 30, complete: false });
    expect(pooled.get(1)!.deploy).toMatchObject({ total: 9, done: 2 });
    expect(pooled.get(11)!.all).toMatchObject({ total: 4, skipped: 4, complete: true });
  });

  it("counts open steps", () => {
    expect(openStepsOf(rows)).toBe(2 + 0 + 0 + 5);
    expect(openStepsOf([])).toBe(0);
  });
});

describe("quickStatsOf / openStepsByCluster", () => {
  it("counts steps by status across releases; pending is what is neither done, skipped, reverted, failed nor unknown", () => {
    // releases 1 and 2; customers 1 (cluster 1) and 11 (cluster 2)
    const rows = [row(1, 1, "deploy", 5, 2, 1, 1), row(1, 11, "verify", 3, 0, 0, 0), row(2, 1, "deploy", 2, 2, 0, 0)];
    expect(quickStatsOf(rows)).toEqual({ releases: 2, pending: 4, done: 4, skipped: 1, reverted: 1, failed: 0, unknown: 0, total: 10 });
    expect(openStepsByCluster(rows)).toEqual(new Map([[1, 2], [2, 3]]));
  });

  it("counts a step an agent left failed or outcome unknown on its own, not as pending, and still as open", () => {
    const rows = [row(1, 1, "deploy", 6, 1, 0, 0, 2, 1)];
    expect(quickStatsOf(rows)).toEqual({ releases: 1, pending: 2, done: 1, skipped: 0, reverted: 0, failed: 2, unknown: 1, total: 6 });
    expect(openStepsByCluster(rows)).toEqual(new Map([[1, 5]]));
  });

  it("is all zeros with nothing active", () => {
    expect(quickStatsOf([])).toEqual({ releases: 0, pending: 0, done: 0, skipped: 0, reverted: 0, failed: 0, unknown: 0, total: 0 });
    expect(openStepsByCluster([]).size).toBe(0);
  });
});

describe("sortCustomers (spec 8.3)", () => {
  const c = (id: number, name: string, clusterName: string, counts?: [number, number, number]) => ({
    id,
    name,
    clusterName,
    progress: counts ? progressOf({ total: counts[0], done: counts[1], skipped: counts[2] }) : null,
  });
  const list = [
    c(1, "beta", "prod-us", [4, 4, 0]), // complete
    c(2, "Alpha", "prod-eu", [4, 1, 0]), // 25% handled
    c(3, "gamma", "prod-us", [4, 0, 3]), // 75% handled (mostly skipped)
    c(4, "delta", "staging"), // nothing to track
    c(5, "epsilon", "prod-eu", [4, 1, 0]), // ties with Alpha: by name
    c(6, "zeta", "prod-us", [0, 0, 0]), // no steps: like nothing to track
  ];
  const names = (sorted: typeof list) => sorted.map((x) => x.name);

  it("by name, case-insensitively", () => {
    expect(names(sortCustomers(list, "name"))).toEqual(["Alpha", "beta", "delta", "epsilon", "gamma", "zeta"]);
  });

  it("by cluster, then name", () => {
    expect(names(sortCustomers(list, "cluster"))).toEqual(["Alpha", "epsilon", "beta", "gamma", "zeta", "delta"]);
  });

  it("by progress: most work left first, untracked customers last", () => {
    expect(names(sortCustomers(list, "progress"))).toEqual(["Alpha", "epsilon", "gamma", "beta", "delta", "zeta"]);
  });

  it("breaks a handled-share tie by done %", () => {
    const tie = [c(1, "a", "k", [4, 0, 2]), c(2, "b", "k", [4, 2, 0])];
    expect(names(sortCustomers(tie, "progress"))).toEqual(["a", "b"]);
  });

  it("does not touch its input", () => {
    const copy = [...list];
    sortCustomers(list, "progress");
    expect(list).toEqual(copy);
  });
});

describe("parseCustomerSort", () => {
  const allowed = ["name", "progress"] as const;
  it("accepts known values, falls back otherwise", () => {
    expect(parseCustomerSort("progress", allowed, "name")).toBe("progress");
    expect(parseCustomerSort(["progress", "name"], allowed, "name")).toBe("progress");
    expect(parseCustomerSort("cluster", allowed, "name")).toBe("name");
    expect(parseCustomerSort(undefined, allowed, "name")).toBe("name");
  });
});

describe("activity words", () => {
  it("picks the reason or notes from an event's detail", () => {
    expect(activityNote("skipped", { reason: " managed by GitOps " })).toBe("managed by GitOps");
    expect(activityNote("reverted", { reason: "" })).toBeNull();
    expect(activityNote("marked_done", { notes: "build #7", bulk: true })).toBe("build #7");
    expect(activityNote("content_overridden", { previousContent: "x" })).toBeNull();
    expect(activityNote("custom_added", null)).toBeNull();
  });
});

describe("customers list URL state with the progress sort", () => {
  it("parses and writes ?sort=progress", async () => {
    const { parseCustomerListParams } = await import("@/lib/domain/customers/input");
    const { customerListHref } = await import("@/components/customers/list-url");
    expect(parseCustomerListParams({ sort: "progress" }).sort).toBe("progress");
    expect(parseCustomerListParams({ sort: "bogus" }).sort).toBe("cluster");
    expect(customerListHref({ sort: "progress", includeArchived: false, clusterId: 3 })).toBe("/customers?cluster=3&sort=progress");
  });
});
