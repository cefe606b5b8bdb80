import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { FleetCustomer, FleetFile } from "@/lib/domain/fleet/model/fleet-file";
import { applyFleetImport, previewFleetImport } from "@/lib/domain/fleet/mutations/apply";
import { exportFleet } from "@/lib/domain/fleet/queries/current";
import { startAcrossRun } from "@/lib/domain/runs/mutations/start";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";
import { refusal } from "./steps-support";

/**
 * A fleet file applied for real (issue 27): one transaction, set-based; the same file twice
 * changes nothing; any problem refuses the whole file by path and writes nothing; new customers
 * join the active releases; the audit log has one entry with the counts.
 */
withTestDatabase();

const count = async (q: ReturnType<typeof sql>) => Number(executedRows(await getDb().execute(q))[0].n);
const customer = (over: Partial<FleetCustomer> & Pick<FleetCustomer, "name" | "cluster" | "namespace">): FleetCustomer => ({ description: "", metadata: {}, archived: false, ...over });
const snapshot = async () =>
  executedRows(await getDb().execute(sql`select id, cluster_id, name, namespace, description, metadata, is_active, updated_at from customers order by id`)).map((r) => JSON.stringify(r));

describe("fleet import", () => {
  it("export, then import: nothing changes, no audit entry; the same file twice changes nothing", async () => {
    const rm = await createActor("release_manager");
    const cluster = await makeCluster({ name: "prod-eu", kubeconfigPath: "/k/eu", metadata: { region: "eu" } });
    await makeCustomer(cluster.id, { name: "acme", namespace: "acme-prod", metadata: { tier: "gold" } });
    await makeCustomer(cluster.id, { name: "gone", namespace: "gone-prod", isActive: false, archivedAt: new Date() });
    const file = await exportFleet();
    const before = await snapshot();
    const audits = await count(sql`select count(*)::int as n from audit_log where action = 'fleet.import'`);
    const result = await applyFleetImport(file, { archiveMissing: true }, rm);
    expect(result.plan.customers.unchanged).toBe(2);
    expect(await snapshot()).toEqual(before);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'fleet.import'`)).toBe(audits);
  });

  it("50 new customers and a cluster in one transaction; they join the active release with its steps; one audit entry with the counts", async () => {
    const rm = await createActor("release_manager");
    const release = await makeRelease({ name: "v9.9.9 fleet", versionNumber: "v9.9.9", status: "active", activatedAt: new Date() });
    await makeTemplate(release.id, { name: "Deploy", orderIndex: 0 });
    await makeTemplate(release.id, { name: "Verify", category: "verify", orderIndex: 0 });
    const file = await exportFleet();
    file.clusters.push({ name: "prod-apac", kubeconfigPath: "/k/apac", description: "Asia-Pacific", metadata: { region: "apac" } });
    for (let i = 0; i < 50; i++) file.customers.push(customer({ name: `apac-${i}`, cluster: "prod-apac", namespace: `apac-${i}-prod`, metadata: { tier: i % 2 ? "gold" : "silver" } }));
    const preview = await previewFleetImport(file, { archiveMissing: false });
    expect(preview.plan.customers.create).toHaveLength(50);
    expect(preview.joins).toEqual([{ releaseId: release.id, name: "v9.9.9 fleet", steps: 2 }]);
    expect(await count(sql`select count(*)::int as n from customers where name like 'apac-%'`)).toBe(0); // a preview writes nothing

    const result = await applyFleetImport(file, { archiveMissing: false }, rm);
    expect(result.stepsCreated).toBe(100);
    expect(await count(sql`select count(*)::int as n from customer_steps s join customers c on c.id = s.customer_id where c.name like 'apac-%' and s.release_id = ${release.id}`)).toBe(100);
    const [audit] = executedRows(await getDb().execute(sql`select summary, after from audit_log where action = 'fleet.import' order by id desc limit 1`));
    expect(audit.summary).toBe("Imported the fleet: 1 cluster created; 50 customers created; 100 steps created in active releases");
    expect(audit.after).toMatchObject({ clusters: { created: 1 }, customers: { created: 50 }, stepsCreated: 100 });

    const again = await applyFleetImport(file, { archiveMissing: false }, rm);
    expect(again.stepsCreated).toBe(0);
    expect(again.plan.customers.create).toEqual([]);
  });

  it("one bad row refuses the whole file, by path, and nothing is written", async () => {
    const rm = await createActor("release_manager");
    const file = await exportFleet();
    file.customers.push(customer({ name: "fine-1", cluster: "prod-eu", namespace: "fine-1" }));
    file.customers.push(customer({ name: "clash", cluster: "prod-eu", namespace: "acme-prod" }));
    file.clusters.push({ name: "new-cluster", kubeconfigPath: null, description: "", metadata: {} });
    const before = await snapshot();
    const clusters = await count(sql`select count(*)::int as n from clusters`);
    const refused = await refusal(() => applyFleetImport(file, { archiveMissing: false }, rm));
    expect(refused.code).toBe("invalid_input");
    expect(refused.message).toMatch(/^The file has 1 problem; nothing was changed\. customers\.\d+\.namespace: acme-prod is also customers\.\d+'s \(acme\) in prod-eu\.$/);
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual([`customers.${file.customers.length - 1}.namespace`]);
    expect(await snapshot()).toEqual(before);
    expect(await count(sql`select count(*)::int as n from clusters`)).toBe(clusters);
  });

  it("archives the customers the file leaves out only when asked; restores and moves; two customers may swap namespaces", async () => {
    const rm = await createActor("release_manager");
    const us = await makeCluster({ name: "prod-us" });
    const a = await makeCustomer(us.id, { name: "swap-a", namespace: "swap-1" });
    const b = await makeCustomer(us.id, { name: "swap-b", namespace: "swap-2" });
    const file: FleetFile = await exportFleet();
    const left = file.customers.find((c) => c.name === "apac-0")!;
    file.customers = file.customers.filter((c) => c !== left);
    for (const c of file.customers) {
      if (c.name === "swap-a") c.namespace = "swap-2";
      if (c.name === "swap-b") c.namespace = "swap-1";
      if (c.name === "gone") c.archived = false; // restore
      if (c.name === "apac-1") c.cluster = "prod-us"; // move
    }
    const kept = await previewFleetImport(file, { archiveMissing: false });
    expect(kept.plan.customers.keptMissing.map((c) => c.name)).toEqual(["apac-0"]);
    const result = await applyFleetImport(file, { archiveMissing: true }, rm);
    expect(result.plan.customers.archive.map((c) => c.name)).toEqual(["apac-0"]);
    const rows = new Map(executedRows(await getDb().execute(sql`select c.name, c.namespace, c.is_active, k.name as cluster from customers c join clusters k on k.id = c.cluster_id`)).map((r) => [String(r.name), r]));
    expect(rows.get("swap-a")).toMatchObject({ namespace: "swap-2", is_active: true });
    expect(rows.get("swap-b")).toMatchObject({ namespace: "swap-1", is_active: true });
    expect(rows.get("gone")).toMatchObject({ is_active: true });
    expect(rows.get("apac-0")).toMatchObject({ is_active: false });
    expect(rows.get("apac-1")).toMatchObject({ cluster: "prod-us" });
    expect(result.plan.customers.update.find((u) => u.name === "apac-1")).toMatchObject({ moved: true });
    void a;
    void b;
  });

  it("a moved customer's queued agent runs are cancelled: they were for the old cluster's agents", async () => {
    const rm = await createActor("release_manager");
    const from = await makeCluster({ name: "run-from" });
    await makeCluster({ name: "run-to" });
    const c = await makeCustomer(from.id, { name: "runner", namespace: "runner" });
    const release = await makeRelease({ status: "active", activatedAt: new Date(), agentReviewWaived: true });
    const t = await makeTemplate(release.id, { execution: "agent", content: "true" });
    await include(release.id, [c.id]);
    await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" });
    await startAcrossRun({ releaseId: release.id, templateId: t.id, maxParallel: 5, maxParallelPerCluster: 5, timeoutMinutes: 10 }, rm);
    const file = await exportFleet();
    file.customers.find((x) => x.name === "runner")!.cluster = "run-to";
    await applyFleetImport(file, { archiveMissing: false }, rm);
    const [item] = executedRows(await getDb().execute(sql`select state, note from run_items where customer_id = ${c.id}`));
    expect(item).toMatchObject({ state: "cancelled" });
    expect(String(item.note)).toMatch(/moved the customer to another cluster with a fleet import/);
  });

  it("apply refuses when the fleet changed since the preview it was sent from: what is applied is what was seen", async () => {
    const rm = await createActor("release_manager");
    const file = await exportFleet();
    const preview = await previewFleetImport(file, { archiveMissing: true });
    expect(preview.plan.customers.archive).toEqual([]);
    // Someone adds a customer meanwhile: "archive missing" would now archive it, unseen.
    const eu = executedRows(await getDb().execute(sql`select id from clusters where name = 'prod-eu'`))[0];
    await makeCustomer(Number(eu.id), { name: "late-comer", namespace: "late-comer" });
    const refused = await refusal(() => applyFleetImport(file, { archiveMissing: true, previewed: preview.digest }, rm));
    expect(refused).toMatchObject({ code: "conflict", message: expect.stringMatching(/changed since your preview/) });
    expect(await count(sql`select count(*)::int as n from customers where name = 'late-comer' and is_active`)).toBe(1);
  });
});
