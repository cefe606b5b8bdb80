import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, releases, stepEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { clusterReleaseStatus } from "@/lib/domain/clusters/queries/release-status";
import { customerReleaseHistory } from "@/lib/domain/customers/queries/release-history";
import { activeProgressByCustomer, getDashboard, recentActivity } from "@/lib/domain/dashboard/queries/dashboard";
import { sortCustomers } from "@/lib/domain/customers/model/sort";
import { stepCountsForActiveReleases } from "@/lib/domain/progress/queries/step-counts";
import { addCustomStep, removeCustomStep } from "@/lib/domain/steps/mutations/custom";
import { markStepDone, revertStep, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

withTestDatabase();

/*
 * One small world, built through the domain so events are real; every expectation below is
 * worked out by hand from it.
 *
 *   k1: A, B (+ Z archived)       k2: C
 *   R1 active (2h ago): deploy d0, d1; verify v0; A, B, C included
 *      A: d0 done, v0 done, d1 skipped (last)  → 2/3 done, 1 skipped, complete
 *      B: d0 done then reverted; d1, v0 pending → 0/3; custom step added then removed (not counted)
 *      C: custom "Flush CDN" added; v0 done    → 1/4
 *   R2 active (1h ago): deploy e0; A included (pending), C excluded
 *   R3 archived: deploy x0; A included, done before archiving
 *   R4 draft: nobody
 */
const w = {} as {
  riley: Actor;
  sam: Actor;
  k1: { id: number; name: string };
  k2: { id: number; name: string };
  A: { id: number; name: string; namespace: string };
  B: { id: number; name: string; namespace: string };
  C: { id: number; name: string; namespace: string };
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  aSkippedAt: Date;
  r3DoneAt: Date;
};

const steps = (releaseId: number, customerId: number) =>
  getDb()
    .select()
    .from(customerSteps)
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.customerId, customerId), isNull(customerSteps.removedAt)))
    .orderBy(asc(customerSteps.category), asc(customerSteps.orderIndex), asc(customerSteps.id));

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  w.riley = await createActor("release_manager", "Riley");
  w.sam = await createActor("release_manager", "Sam");
  w.k1 = await makeCluster({ name: "k1-dash" });
  w.k2 = await makeCluster({ name: "k2-dash" });
  w.A = await makeCustomer(w.k1.id, { name: "A-dash", namespace: "ns-a" });
  w.B = await makeCustomer(w.k1.id, { name: "B-dash", namespace: "ns-b" });
  await makeCustomer(w.k1.id, { name: "Z-dash", isActive: false, archivedAt: new Date() });
  w.C = await makeCustomer(w.k2.id, { name: "C-dash", namespace: "ns-c" });

  // R3 first: done while active, then archived.
  const r3 = await makeRelease({ name: "R3-dash", status: "active", activatedAt: hoursAgo(72) });
  await makeTemplate(r3.id, { name: "x0", orderIndex: 0 });
  await include(r3.id, [w.A.id]);
  await copyTemplatesToCustomers(getDb(), { releaseId: r3.id, origin: "activation" });
  const [x0] = await steps(r3.id, w.A.id);
  const doneX0 = await markStepDone({ stepId: x0.id, version: x0.version, notes: "" }, w.riley);
  w.r3DoneAt = doneX0.executedAt!;
  await getDb().update(releases).set({ status: "archived", archivedAt: new Date() }).where(eq(releases.id, r3.id));
  w.r3 = r3.id;

  const r1 = await makeRelease({ name: "R1-dash", versionNumber: "v1.0.0", status: "active", activatedAt: hoursAgo(2) });
  await makeTemplate(r1.id, { name: "d0", orderIndex: 0 });
  await makeTemplate(r1.id, { name: "d1", orderIndex: 1 });
  await makeTemplate(r1.id, { name: "v0", category: "verify", orderIndex: 0 });
  await include(r1.id, [w.A.id, w.B.id, w.C.id]);
  await copyTemplatesToCustomers(getDb(), { releaseId: r1.id, origin: "activation" });
  w.r1 = r1.id;

  const r2 = await makeRelease({ name: "R2-dash", type: "hotfix", versionNumber: null, status: "active", activatedAt: hoursAgo(1) });
  await makeTemplate(r2.id, { name: "e0", orderIndex: 0 });
  await include(r2.id, [w.A.id]);
  await include(r2.id, [w.C.id], "excluded");
  await copyTemplatesToCustomers(getDb(), { releaseId: r2.id, origin: "activation" });
  w.r2 = r2.id;
  w.r4 = (await makeRelease({ name: "R4-dash", status: "draft" })).id;

  // R1 / A: d0 done, v0 done, then d1 skipped last.
  const [aD0, aD1, aV0] = await steps(r1.id, w.A.id);
  await markStepDone({ stepId: aD0.id, version: aD0.version, notes: "build 1" }, w.riley);
  await markStepDone({ stepId: aV0.id, version: aV0.version, notes: "" }, w.riley);
  await skipStep({ stepId: aD1.id, version: aD1.version, reason: "not needed here" }, w.sam);
  const [skipEvent] = await getDb().select().from(stepEvents).where(and(eq(stepEvents.customerStepId, aD1.id), eq(stepEvents.kind, "skipped")));
  w.aSkippedAt = skipEvent.createdAt;

  // R1 / B: done then reverted; a custom step added then removed.
  const [bD0] = await steps(r1.id, w.B.id);
  const bDone = await markStepDone({ stepId: bD0.id, version: bD0.version, notes: "" }, w.sam);
  await revertStep({ stepId: bD0.id, version: bDone.version, reason: "wrong image" }, w.sam);
  const custom = { category: "deploy" as const, type: "bash" as const, content: "echo", description: "", position: { where: "end" as const }, addToTemplate: false };
  const { step: gone } = await addCustomStep({ releaseId: r1.id, customerId: w.B.id, name: "Temp", ...custom }, w.riley);
  await removeCustomStep({ stepId: gone.id, version: gone.version }, w.riley);

  // R1 / C: a custom step, and verify done.
  await addCustomStep({ releaseId: r1.id, customerId: w.C.id, name: "Flush CDN", ...custom }, w.riley);
  const cSteps = await steps(r1.id, w.C.id);
  const cV0 = cSteps.find((s) => s.name === "v0")!;
  await markStepDone({ stepId: cV0.id, version: cV0.version, notes: "" }, w.sam);
});

describe("dashboard aggregates", () => {
  it("quick stats count the steps of active releases by status, leaving removed and archived ones out", async () => {
    // pending: B d1, B v0, C d0, C d1, C Flush, A e0; done: A d0, A v0, C v0; skipped: A d1; reverted: B d0.
    expect((await getDashboard()).stats).toEqual({ releases: 2, pending: 6, done: 3, skipped: 1, reverted: 1, failed: 0, unknown: 0, total: 11 });
  });

  it("active releases: newest activation first, with overall, deploy and verify progress", async () => {
    const list = (await getDashboard()).releases;
    expect(list.map((r) => r.name)).toEqual(["R2-dash", "R1-dash"]);
    const [r2, r1] = list;
    expect(r2).toMatchObject({ type: "hotfix", versionNumber: null, openSteps: 1 });
    expect(r2.progress.all).toMatchObject({ percent: 0, customers: 1, completeCustomers: 0 });
    // A 2/3, B 0/3, C 1/4 → (66.67 + 0 + 25) / 3.
    expect(r1.progress.all.percent).toBeCloseTo((200 / 3 + 0 + 25) / 3, 6);
    expect(r1.progress.all.skippedPercent).toBeCloseTo(100 / 3 / 3, 6);
    expect(r1.progress.all).toMatchObject({ customers: 3, completeCustomers: 1 });
    // deploy: A 1/2, B 0/2, C 0/3; verify: A 1/1, B 0/1, C 1/1.
    expect(r1.progress.deploy.percent).toBeCloseTo(50 / 3, 6);
    expect(r1.progress.verify.percent).toBeCloseTo(200 / 3, 6);
    expect(r1.openSteps).toBe(6);
  });

  it("clusters: active customers and open steps in active releases", async () => {
    const cards = (await getDashboard()).clusters;
    expect(cards.map((c) => [c.name, c.customers, c.openSteps])).toEqual([
      ["k1-dash", 2, 4], // A: e0; B: d0 (reverted), d1, v0
      ["k2-dash", 1, 3], // C: d0, d1, Flush CDN
    ]);
  });

  it("recent activity: newest first, with release, customer, cluster, step position and actor", async () => {
    const items = await recentActivity(6);
    expect(items.map((i) => [i.kind, i.customer.name, i.step.name, i.actorName])).toEqual([
      ["marked_done", "C-dash", "v0", "Sam"],
      ["custom_added", "C-dash", "Flush CDN", "Riley"],
      ["custom_removed", "B-dash", "Temp", "Riley"],
      ["custom_added", "B-dash", "Temp", "Riley"],
      ["reverted", "B-dash", "d0", "Sam"],
      ["marked_done", "B-dash", "d0", "Sam"],
    ]);
    const [first, flush, removed] = items;
    expect(first).toMatchObject({
      release: { id: w.r1, name: "R1-dash", versionNumber: "v1.0.0" },
      cluster: { id: w.k2.id, name: "k2-dash" },
      customer: { id: w.C.id, namespace: "ns-c" },
      step: { category: "verify", position: 1 },
    });
    // One numbering everywhere: a template step's number in its template; custom steps have none.
    expect(flush.step).toMatchObject({ category: "deploy", position: null });
    expect(items[4].step).toMatchObject({ name: "d0", position: 1 });
    expect(removed.step.position).toBeNull();
    expect(items[4].note).toBe("wrong image");

    const all = await recentActivity(50);
    expect(all).toHaveLength(10); // 8 events (R3 x0; A d0, v0, d1; B d0 done, reverted, Temp removed; C v0) + 2 custom steps added
    expect(all.at(-1)).toMatchObject({ kind: "marked_done", release: { name: "R3-dash" } });
    expect(all.find((i) => i.kind === "skipped")?.note).toBe("not needed here");
    const times = all.map((i) => i.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe("cluster view", () => {
  it("shows each customer's standing in every active release, with membership and the cluster's average", async () => {
    const view = await clusterReleaseStatus({ id: w.k1.id, customers: [w.A, w.B] });
    expect(view.releases.map((r) => r.id)).toEqual([w.r2, w.r1]);
    const [a, b] = view.customers;
    expect(a.cells[w.r1].membership).toBe("included");
    expect(a.cells[w.r1].progress?.all).toMatchObject({ total: 3, done: 2, skipped: 1, complete: true });
    expect(a.cells[w.r2].progress?.all).toMatchObject({ total: 1, done: 0, complete: false });
    expect(b.cells[w.r1].progress?.all).toMatchObject({ total: 3, done: 0, skipped: 0, open: 3 });
    expect(b.cells[w.r2]).toEqual({ membership: null, progress: null });
    // Pooled over R1 and R2: A 2 of 4 done, 1 skipped.
    expect(a.overall).toMatchObject({ total: 4, done: 2, skipped: 1, percent: 50 });
    expect(view.clusterProgress[w.r1].all.percent).toBeCloseTo(100 / 3, 6); // (66.67 + 0) / 2
    expect(view.clusterProgress[w.r2].all.percent).toBe(0);

    const sorted = sortCustomers(view.customers.map((c) => ({ ...c, progress: c.overall })), "progress");
    expect(sorted.map((c) => c.name)).toEqual(["B-dash", "A-dash"]);

    const k2 = await clusterReleaseStatus({ id: w.k2.id, customers: [w.C] });
    expect(k2.customers[0].cells[w.r2]).toEqual({ membership: "excluded", progress: null });
    expect(k2.customers[0].cells[w.r1].progress?.all).toMatchObject({ total: 4, done: 1 });
  });

  it("narrows the one aggregate to a cluster", async () => {
    const rows = await stepCountsForActiveReleases({ clusterId: w.k2.id });
    expect(new Set(rows.map((r) => r.customerId))).toEqual(new Set([w.C.id]));
    const pooled = await activeProgressByCustomer();
    expect(pooled.get(w.C.id)?.all).toMatchObject({ total: 4, done: 1 });
    expect(pooled.get(w.B.id)?.all).toMatchObject({ total: 3, done: 0 });
  });
});

describe("customer release history", () => {
  it("lists every release the customer took part in, newest first, with progress and completion date", async () => {
    const history = await customerReleaseHistory(w.A.id);
    expect(history.map((h) => h.name)).toEqual(["R2-dash", "R1-dash", "R3-dash"]);
    const [r2, r1, r3] = history;
    expect(r2).toMatchObject({ status: "active", membership: "included", completedAt: null });
    expect(r2.progress.all).toMatchObject({ total: 1, done: 0 });
    expect(r1.progress.deploy).toMatchObject({ total: 2, done: 1, skipped: 1 });
    expect(r1.progress.verify).toMatchObject({ total: 1, done: 1 });
    // Complete when its last step (the skip) was recorded.
    expect(r1.completedAt?.getTime()).toBe(w.aSkippedAt.getTime());
    expect(r3).toMatchObject({ status: "archived" });
    expect(r3.completedAt?.getTime()).toBe(w.r3DoneAt.getTime());
    expect(history.some((h) => h.id === w.r4)).toBe(false);
  });

  it("shows excluded releases as such, with no steps", async () => {
    const history = await customerReleaseHistory(w.C.id);
    expect(history.map((h) => [h.name, h.membership, h.progress.all.total])).toEqual([
      ["R2-dash", "excluded", 0],
      ["R1-dash", "included", 4],
    ]);
    expect(history[1].completedAt).toBeNull();
  });

  it("a customer in no release has no history", async () => {
    const lonely = await makeCustomer(w.k2.id);
    expect(await customerReleaseHistory(lonely.id)).toEqual([]);
    // The draft release has no members, so it shows nowhere.
    const [row] = await getDb().execute(sql`select count(*)::int as n from release_customers where release_id = ${w.r4}`).then((r) => (Array.isArray(r) ? r : (r as { rows: Array<{ n: number }> }).rows));
    expect(row.n).toBe(0);
  });
});
