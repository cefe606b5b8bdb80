import { describe, expect, it } from "vitest";
import { getMatrix } from "@/lib/domain/matrix/queries/matrix";
import { getStepAcross } from "@/lib/domain/matrix/queries/step-across";
import { CELL_CUSTOM, CELL_OVERRIDDEN, type Matrix, type MatrixParams } from "@/lib/domain/matrix/types";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { addCustomStep, removeCustomStep } from "@/lib/domain/steps/mutations/custom";
import { markStepDone, revertStep, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { getDb } from "@/db/client";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { deleteTemplateStep } from "@/lib/domain/templates/mutations/templates";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";
import { stepsOf } from "./steps-support";

withTestDatabase();

const base: MatrixParams = { category: "deploy", workLeft: false, archived: false, open: "default" };

/** Two clusters (east: a, b; west: c), one excluded customer (x), 3 deploy + 1 verify steps. */
async function world() {
  const rm = await createActor("release_manager");
  const east = await makeCluster({ name: `east-${Math.random().toString(36).slice(2, 6)}` });
  const west = await makeCluster({ name: `west-${Math.random().toString(36).slice(2, 6)}` });
  const tag = Math.random().toString(36).slice(2, 8);
  const a = await makeCustomer(east.id, { name: `a-${tag}` });
  const b = await makeCustomer(east.id, { name: `b-${tag}` });
  const c = await makeCustomer(west.id, { name: `c-${tag}` });
  const x = await makeCustomer(west.id, { name: `x-${tag}` });
  const release = await makeRelease({ status: "active", activatedAt: new Date() });
  const t = [
    await makeTemplate(release.id, { name: "Deploy", orderIndex: 0, content: "deploy" }),
    await makeTemplate(release.id, { name: "Migrate", type: "sql", orderIndex: 1, content: "ALTER TABLE t ADD c int;" }),
    await makeTemplate(release.id, { name: "Config", orderIndex: 2, content: "kubectl apply" }),
  ];
  const verify = await makeTemplate(release.id, { name: "Health", category: "verify", orderIndex: 0 });
  await include(release.id, [a.id, b.id, c.id]);
  await include(release.id, [x.id], "excluded");
  await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" });

  // a: Deploy done, Migrate overridden, Config skipped. b: Deploy done then reverted, a custom step after Deploy.
  const [a0, a1, a2] = await stepsOf(release.id, a.id);
  await markStepDone({ stepId: a0.id, version: a0.version, notes: "" }, rm);
  await overrideStepContent({ stepId: a1.id, version: a1.version, content: "-- a only\nALTER TABLE t ADD c int;" }, rm);
  await skipStep({ stepId: a2.id, version: a2.version, reason: "n/a" }, rm);
  const [b0] = await stepsOf(release.id, b.id);
  const done = await markStepDone({ stepId: b0.id, version: b0.version, notes: "" }, rm);
  await revertStep({ stepId: b0.id, version: done.version, reason: "" }, rm);
  const custom = await addCustomStep(
    { releaseId: release.id, customerId: b.id, name: "Warm caches", category: "deploy", type: "bash", content: "curl warm", description: "", position: { where: "after", anchorId: b0.id }, addToTemplate: false },
    rm,
  );
  // A removed custom step on c must not show anywhere.
  const gone = await addCustomStep(
    { releaseId: release.id, customerId: c.id, name: "Gone", category: "deploy", type: "bash", content: "", description: "", position: { where: "end" }, addToTemplate: false },
    rm,
  );
  await removeCustomStep({ stepId: gone.step.id, version: gone.step.version }, rm);
  return { rm, east, west, a, b, c, x, release, t, verify, custom: custom.step };
}

const cluster = (m: Matrix, id: number) => m.clusters.find((k) => k.id === id)!;
/** The cells of one cluster as { "row name": { customer letter: "status+flags" } }. */
function table(m: Matrix, id: number) {
  const k = cluster(m, id);
  const out: Record<string, Record<string, string | null>> = {};
  k.rowIndexes.forEach((r, i) => {
    out[m.rows[r].name] = Object.fromEntries(
      k.customers.map((c, j) => {
        const cell = k.cells[i][j];
        return [c.name[0], cell ? `${cell[1]}${cell[2] & CELL_OVERRIDDEN ? "+ov" : ""}${cell[2] & CELL_CUSTOM ? "+cu" : ""}` : null];
      }),
    );
  });
  return out;
}

describe("getMatrix", () => {
  it("keeps a deleted template step's kept copies as an unnumbered row, numbering the rest like the template list", async () => {
    const w = await world();
    // Migrate has a's overridden copy, which deletion keeps; the untouched copies go.
    const { copiesKept } = await deleteTemplateStep({ id: w.t[1].id }, w.rm);
    expect(copiesKept).toBe(1);
    const m = (await getMatrix(w.release.id, base))!;
    expect(m.rows.map((r) => [r.name, r.templateDeleted, r.number])).toEqual([
      ["Deploy", false, 1],
      ["Warm caches", false, null],
      ["Config", false, 2],
      ["Migrate", true, null],
    ]);
    expect(table(m, w.east.id).Migrate).toEqual({ a: "pending+ov", b: null });
  });

  it("returns one cell per (step, customer) with statuses and flags, custom rows in place, removed steps and excluded customers left out", async () => {
    const w = await world();
    const m = (await getMatrix(w.release.id, base))!;
    expect(m.rows.map((r) => [r.name, r.custom, r.number])).toEqual([
      ["Deploy", false, 1],
      ["Warm caches", true, null],
      ["Migrate", false, 2],
      ["Config", false, 3],
    ]);
    expect(m.clusters.map((k) => k.name)).toEqual([w.east.name, w.west.name]);
    expect(table(m, w.east.id)).toEqual({
      Deploy: { "a": "done", "b": "reverted" },
      "Warm caches": { "a": null, "b": "pending+cu" },
      Migrate: { "a": "pending+ov", "b": "pending" },
      Config: { "a": "skipped", "b": "pending" },
    });
    // West: only c (x is excluded); the custom row has no cell there, so it is not drawn; "Gone" was removed.
    expect(table(m, w.west.id)).toEqual({ Deploy: { "c": "pending" }, Migrate: { "c": "pending" }, Config: { "c": "pending" } });
    expect(m.totalCustomers).toBe(3);
    expect(Object.keys(m.counts).map(Number).sort()).toEqual([w.a.id, w.b.id, w.c.id].sort());
    // Cells carry the step id and version the panel acts with.
    const [a0] = await stepsOf(w.release.id, w.a.id);
    expect(cluster(m, w.east.id).cells[0][0]).toEqual([a0.id, "done", 0, a0.version]);

    const verify = (await getMatrix(w.release.id, { ...base, category: "verify" }))!;
    expect(verify.rows.map((r) => r.name)).toEqual(["Health"]);
  });

  it("cluster progress is the average of its customers; overall the average over customers (spec 8.2)", async () => {
    const w = await world();
    const m = (await getMatrix(w.release.id, base))!;
    // a: 1/3 done; b: 0/4 done → east deploy = (33.3 + 0) / 2
    expect(cluster(m, w.east.id).progress.deploy.percent).toBeCloseTo((100 / 3 + 0) / 2);
    expect(cluster(m, w.east.id).progress.deploy.skippedPercent).toBeCloseTo(100 / 3 / 2);
    expect(cluster(m, w.west.id).progress.deploy.percent).toBe(0);
    expect(m.overall.deploy.percent).toBeCloseTo(100 / 3 / 3);
    expect(m.counts[w.b.id].deploy).toEqual({ total: 4, done: 0, skipped: 0 });
    expect(m.counts[w.c.id].deploy).toEqual({ total: 3, done: 0, skipped: 0 });
  });

  it("filters by cluster, status and work left", async () => {
    const w = await world();
    const byCluster = (await getMatrix(w.release.id, { ...base, clusterId: w.west.id }))!;
    expect(byCluster.clusters.map((k) => k.id)).toEqual([w.west.id]);
    expect(byCluster.clusterOptions.map((k) => k.id).sort()).toEqual([w.east.id, w.west.id].sort());

    const skipped = (await getMatrix(w.release.id, { ...base, status: "skipped" }))!;
    expect(skipped.clusters.map((k) => k.id)).toEqual([w.east.id]);
    expect(table(skipped, w.east.id)).toEqual({ Config: { "a": "skipped" } });

    const overridden = (await getMatrix(w.release.id, { ...base, status: "overridden" }))!;
    expect(table(overridden, w.east.id)).toEqual({ Migrate: { "a": "pending+ov" } });

    const custom = (await getMatrix(w.release.id, { ...base, status: "custom" }))!;
    expect(table(custom, w.east.id)).toEqual({ "Warm caches": { "b": "pending+cu" } });

    const reverted = (await getMatrix(w.release.id, { ...base, status: "reverted" }))!;
    expect(table(reverted, w.east.id)).toEqual({ Deploy: { "b": "reverted" } });

    // pending: reverted is not pending; a still has Migrate pending.
    const pending = (await getMatrix(w.release.id, { ...base, status: "pending" }))!;
    expect(pending.shownCustomers).toBe(3);
    expect(Object.keys(table(pending, w.east.id))).toEqual(["Warm caches", "Migrate", "Config"]);

    // Work left: finish a's deploy steps; a leaves the deploy view, not the verify one.
    const [, a1] = await stepsOf(w.release.id, w.a.id);
    await markStepDone({ stepId: a1.id, version: a1.version, notes: "" }, w.rm);
    const left = (await getMatrix(w.release.id, { ...base, workLeft: true }))!;
    expect(cluster(left, w.east.id).customers.map((c) => c.name[0])).toEqual(["b"]);
    expect(cluster(left, w.east.id).matchCount).toBe(1);
    expect(cluster(left, w.east.id).customerCount).toBe(2);
    const leftVerify = (await getMatrix(w.release.id, { ...base, category: "verify", workLeft: true }))!;
    expect(cluster(leftVerify, w.east.id).customers.map((c) => c.name[0])).toEqual(["a", "b"]);

    const none = (await getMatrix(w.release.id, { ...base, clusterId: w.west.id, status: "done" }))!;
    expect(none.clusters).toEqual([]);
  });

  it("collapses clusters on request and, for a large release, by default with a per-step × cluster overview", async () => {
    const w = await world();
    const collapsed = (await getMatrix(w.release.id, { ...base, open: [w.west.id] }))!;
    expect(cluster(collapsed, w.east.id)).toMatchObject({ open: false, customers: [], cells: [] });
    expect(cluster(collapsed, w.west.id).open).toBe(true);
    expect(collapsed.overview).toBeNull();

    // 61 more customers in a third cluster make it large.
    const big = await makeCluster({ name: `zz-big-${Math.random().toString(36).slice(2, 6)}` });
    const many = [];
    for (let i = 0; i < 61; i++) many.push((await makeCustomer(big.id)).id);
    await include(w.release.id, many);
    await copyTemplatesToCustomers(getDb(), { releaseId: w.release.id, origin: "scope_added", customerIds: many });
    const large = (await getMatrix(w.release.id, base))!;
    expect(large.large).toBe(true);
    expect(large.clusters.every((k) => !k.open && k.cells.length === 0)).toBe(true);
    const deployRow = large.rows.findIndex((r) => r.name === "Deploy");
    const bigCol = large.clusters.findIndex((k) => k.id === big.id);
    const eastCol = large.clusters.findIndex((k) => k.id === w.east.id);
    expect(large.overview![deployRow][bigCol]).toEqual({ total: 61, done: 0, skipped: 0, overridden: 0 });
    expect(large.overview![deployRow][eastCol]).toEqual({ total: 2, done: 1, skipped: 0, overridden: 0 });
    const migrateRow = large.rows.findIndex((r) => r.name === "Migrate");
    expect(large.overview![migrateRow][eastCol].overridden).toBe(1);
    const opened = (await getMatrix(w.release.id, { ...base, open: [big.id] }))!;
    expect(cluster(opened, big.id).customers).toHaveLength(61);
    expect(cluster(opened, big.id).cells.flat().filter(Boolean)).toHaveLength(61 * 3);
  });

  it("returns null for a missing release", async () => {
    expect(await getMatrix(999_999, base)).toBeNull();
  });
});

describe("getStepAcross (FV-005)", () => {
  it("shows one template step for every customer by cluster, with overrides and their diff", async () => {
    const w = await world();
    const view = (await getStepAcross(w.release.id, w.t[1].id))!;
    expect(view.template).toMatchObject({ name: "Migrate", number: 2, category: "deploy" });
    expect(view.clusters.map((k) => [k.name, k.customers.map((c) => c.customer.name[0])])).toEqual([
      [w.east.name, ["a", "b"]],
      [w.west.name, ["c"]],
    ]);
    const a = view.clusters[0].customers[0];
    expect(a.step).toMatchObject({ status: "pending", isOverridden: true });
    expect(a.diff?.some((p) => p.added && p.value.includes("-- a only"))).toBe(true);
    expect(view.clusters[0].customers[1].diff).toBeNull();
    expect(view.counts).toEqual({ total: 3, done: 0, skipped: 0, overridden: 1 });
    expect(await getStepAcross(w.release.id, w.verify.id + 1000)).toBeNull();
  });
});
