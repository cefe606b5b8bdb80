import { describe, expect, it } from "vitest";
import { averageOf, countLabel, progressOf, summarize, type CountRow } from "@/lib/domain/progress/model/progress";

const row = (customerId: number, clusterId: number, category: "deploy" | "verify", total: number, done: number, skipped = 0): CountRow => ({
  customerId,
  clusterId,
  category,
  total,
  done,
  skipped,
});

describe("progressOf (per customer)", () => {
  it("is done / total, with skipped as its own share", () => {
    const p = progressOf({ total: 4, done: 2, skipped: 1 });
    expect(p).toMatchObject({ percent: 50, skippedPercent: 25, open: 1, complete: false });
  });

  it("is complete when every step is done or skipped, even if all are skipped", () => {
    expect(progressOf({ total: 3, done: 0, skipped: 3 })).toMatchObject({ percent: 0, skippedPercent: 100, complete: true });
    expect(progressOf({ total: 3, done: 2, skipped: 1 }).complete).toBe(true);
    expect(progressOf({ total: 3, done: 3, skipped: 0 })).toMatchObject({ percent: 100, complete: true });
  });

  it("treats a customer with no steps as 0% and not complete", () => {
    expect(progressOf({ total: 0, done: 0, skipped: 0 })).toMatchObject({ percent: 0, skippedPercent: 0, open: 0, complete: false });
  });

  it("refuses inconsistent counts", () => {
    expect(() => progressOf({ total: 1, done: 1, skipped: 1 })).toThrow(RangeError);
  });

  it("labels counts like the sketch", () => {
    expect(countLabel({ total: 3, done: 2, skipped: 0 })).toBe("2/3 done");
    expect(countLabel({ total: 3, done: 1, skipped: 1 })).toBe("1/3 done, 1 skipped");
  });
});

describe("averageOf", () => {
  it("averages percentages, not step counts, and leaves out customers with no steps", () => {
    const avg = averageOf([progressOf({ total: 2, done: 2, skipped: 0 }), progressOf({ total: 10, done: 0, skipped: 0 }), progressOf({ total: 0, done: 0, skipped: 0 })]);
    expect(avg).toEqual({ percent: 50, skippedPercent: 0, customers: 2, completeCustomers: 1 });
  });

  it("is zero for an empty release", () => {
    expect(averageOf([])).toEqual({ percent: 0, skippedPercent: 0, customers: 0, completeCustomers: 0 });
  });
});

describe("summarize (per cluster, overall, per category)", () => {
  // Cluster 1: customer 1 (deploy 3/3 done, verify 0/2), customer 2 (deploy 1/3 + 1 skipped, verify 2 skipped).
  // Cluster 2: customer 3 (deploy 0/3).
  const rows = [
    row(1, 1, "deploy", 3, 3),
    row(1, 1, "verify", 2, 0),
    row(2, 1, "deploy", 3, 1, 1),
    row(2, 1, "verify", 2, 0, 2),
    row(3, 2, "deploy", 3, 0),
  ];
  const s = summarize(rows);

  it("computes each customer by category and in total", () => {
    const c1 = s.customers.get(1)!;
    expect(c1.deploy.percent).toBe(100);
    expect(c1.verify.percent).toBe(0);
    expect(c1.all.percent).toBe(60);
    expect(c1.deploy.complete && !c1.all.complete).toBe(true);
    const c2 = s.customers.get(2)!;
    expect(c2.verify).toMatchObject({ complete: true, skippedPercent: 100 });
    expect(c2.all).toMatchObject({ total: 5, done: 1, skipped: 3, percent: 20 });
  });

  it("averages a cluster's customers", () => {
    const k1 = s.clusters.get(1)!;
    expect(k1.deploy.percent).toBeCloseTo((100 + 100 / 3) / 2);
    expect(k1.all.percent).toBeCloseTo((60 + 20) / 2);
    expect(k1.verify).toMatchObject({ percent: 0, skippedPercent: 50, customers: 2, completeCustomers: 1 });
  });

  it("averages overall over customers, not over clusters", () => {
    expect(s.overall.deploy.percent).toBeCloseTo((100 + 100 / 3 + 0) / 3);
    // Customer 3 has no verify steps: left out of the verify average.
    expect(s.overall.verify.customers).toBe(2);
    expect(s.clusters.get(2)!.verify.customers).toBe(0);
  });

  it("is empty for an empty release", () => {
    const e = summarize([]);
    expect(e.customers.size).toBe(0);
    expect(e.overall.all).toEqual({ percent: 0, skippedPercent: 0, customers: 0, completeCustomers: 0 });
  });
});
