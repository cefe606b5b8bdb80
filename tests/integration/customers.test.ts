import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, customers, customerSteps } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { archiveCustomer, createCustomer, restoreCustomer, updateCustomer } from "@/lib/domain/customers/mutations/customers";
import { countArchivedCustomers, getCustomer, listCustomers } from "@/lib/domain/customers/queries/customers";
import { DomainError } from "@/lib/domain/errors";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

withTestDatabase();

let admin: Actor;
beforeAll(async () => {
  admin = await createActor("admin");
});

let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 6)}`;
const customer = (clusterId: number, values: { name?: string; namespace?: string; metadata?: Record<string, string> } = {}) => ({
  name: values.name ?? unique("customer"),
  namespace: values.namespace ?? unique("ns"),
  clusterId,
  description: "",
  metadata: values.metadata ?? {},
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const auditOf = (id: number) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "customer"), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.id));

describe("creating customers (FM-001)", () => {
  it("stores name, namespace, cluster, description and metadata", async () => {
    const cluster = await makeCluster({ name: unique("prod-us") });
    const { id } = await createCustomer(
      { ...customer(cluster.id, { namespace: "cust-acme-prod", metadata: { tier: "enterprise" } }), description: "Acme" },
      admin,
    );
    expect(await getCustomer(id)).toMatchObject({
      namespace: "cust-acme-prod",
      description: "Acme",
      metadata: { tier: "enterprise" },
      isActive: true,
      archivedAt: null,
      cluster: { id: cluster.id, name: cluster.name, deleted: false },
    });
    expect(await getCustomer(999_999)).toBeNull();
  });

  it("refuses a namespace already used on the same cluster (BR-M01), naming who uses it", async () => {
    const cluster = await makeCluster({ name: unique("prod") });
    const first = await createCustomer(customer(cluster.id, { namespace: "shared-ns" }), admin);
    const error = await refusal(createCustomer(customer(cluster.id, { namespace: "shared-ns" }), admin));
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors?.namespace).toEqual([`Namespace shared-ns on ${cluster.name} is already used by ${first.name}.`]);
    expect(await listCustomers({ clusterId: cluster.id })).toHaveLength(1); // nothing half-written
  });

  it("allows the same namespace on another cluster, and again once the first customer is archived", async () => {
    const [us, eu] = [await makeCluster(), await makeCluster()];
    const first = await createCustomer(customer(us.id, { namespace: "same-ns" }), admin);
    await expect(createCustomer(customer(eu.id, { namespace: "same-ns" }), admin)).resolves.toBeTruthy();
    await archiveCustomer({ id: first.id }, admin);
    await expect(createCustomer(customer(us.id, { namespace: "same-ns" }), admin)).resolves.toBeTruthy();
  });

  it("refuses a duplicate customer name, ignoring case, and reports both clashes at once", async () => {
    const cluster = await makeCluster();
    const first = await createCustomer(customer(cluster.id, { namespace: "both-ns" }), admin);
    const error = await refusal(createCustomer(customer(cluster.id, { name: first.name.toUpperCase(), namespace: "both-ns" }), admin));
    expect(error.fieldErrors?.name).toEqual([`A customer named ${first.name} already exists.`]);
    expect(error.fieldErrors?.namespace?.[0]).toMatch(/already used by/);
  });

  it("gives a new customer the steps of active releases (BR-S06)", async () => {
    const cluster = await makeCluster();
    const existing = await makeCustomer(cluster.id);
    const release = await makeRelease({ status: "active", scope: "all" });
    await makeTemplate(release.id, { orderIndex: 0 });
    await makeTemplate(release.id, { orderIndex: 1, category: "verify" });
    await include(release.id, [existing.id]);

    const created = await createCustomer(customer(cluster.id), admin);
    // Other tests in this file leave active releases too; look at this release only.
    const steps = await getDb()
      .select()
      .from(customerSteps)
      .where(and(eq(customerSteps.customerId, created.id), eq(customerSteps.releaseId, release.id)));
    expect(created.stepsCreated).toBeGreaterThanOrEqual(2);
    expect(steps.map((s) => [s.releaseId, s.origin, s.status])).toEqual([
      [release.id, "customer_joined", "pending"],
      [release.id, "customer_joined", "pending"],
    ]);
  });
});

describe("editing and moving customers (FM-002, BR-M02)", () => {
  it("moves a customer to another cluster and records the context change in the audit trail", async () => {
    const us = await makeCluster({ name: unique("prod-us") });
    const eu = await makeCluster({ name: unique("prod-eu"), kubeconfigPath: "~/.kube/eu" });
    const { id, name } = await createCustomer(customer(us.id, { namespace: "mover" }), admin);

    const result = await updateCustomer({ id, ...customer(eu.id, { name, namespace: "mover" }) }, admin);
    expect(result).toMatchObject({ moved: true, clusterId: eu.id, previousClusterId: us.id });
    expect((await getCustomer(id))?.cluster.id).toBe(eu.id);
    const last = (await auditOf(id)).at(-1)!;
    expect(last.action).toBe("customer.move");
    expect(last.summary).toContain(`moved from ${us.name} to ${eu.name}`);
    expect(last.summary).toContain("context change");
    expect(last.summary).toContain("~/.kube/eu");
    expect(last.before).toMatchObject({ clusterId: us.id });
    expect(last.after).toMatchObject({ clusterId: eu.id });
  });

  it("refuses a move onto a cluster where the namespace is taken", async () => {
    const [us, eu] = [await makeCluster(), await makeCluster()];
    await createCustomer(customer(eu.id, { namespace: "taken" }), admin);
    const mover = await createCustomer(customer(us.id, { namespace: "taken" }), admin);
    const error = await refusal(updateCustomer({ id: mover.id, ...customer(eu.id, { name: mover.name, namespace: "taken" }) }, admin));
    expect(error.fieldErrors?.namespace?.[0]).toMatch(/already used/);
    expect((await getCustomer(mover.id))?.cluster.id).toBe(us.id);
  });

  it("edits details without a move and keeps its own name and namespace free", async () => {
    const cluster = await makeCluster();
    const { id, name } = await createCustomer(customer(cluster.id, { namespace: "stay" }), admin);
    const result = await updateCustomer({ id, ...customer(cluster.id, { name, namespace: "stay-2", metadata: { tier: "gold" } }) }, admin);
    expect(result.moved).toBe(false);
    expect(await getCustomer(id)).toMatchObject({ namespace: "stay-2", metadata: { tier: "gold" } });
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: "customer.update" });
    expect((await auditOf(id)).at(-1)?.summary).toContain("namespace stay → stay-2");
  });

  it("is not_found for an unknown customer", async () => {
    const cluster = await makeCluster();
    expect((await refusal(updateCustomer({ id: 999_999, ...customer(cluster.id) }, admin))).code).toBe("not_found");
  });
});

describe("archiving and restoring customers (FM-003, BR-M03)", () => {
  it("archives softly: the row, its steps and its audit history stay", async () => {
    const cluster = await makeCluster();
    const release = await makeRelease({ status: "active", scope: "all" });
    await makeTemplate(release.id);
    const { id } = await createCustomer(customer(cluster.id), admin);
    const stepsOf = () => getDb().select().from(customerSteps).where(eq(customerSteps.customerId, id));
    const stepsBefore = (await stepsOf()).length;
    expect(stepsBefore).toBeGreaterThanOrEqual(1);

    await archiveCustomer({ id }, admin);
    const [row] = await getDb().select().from(customers).where(eq(customers.id, id));
    expect(row.isActive).toBe(false);
    expect(row.archivedAt).toBeInstanceOf(Date);
    expect(await stepsOf()).toHaveLength(stepsBefore);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["customer.create", "customer.archive"]);
    expect((await refusal(archiveCustomer({ id }, admin))).code).toBe("invalid_state");
  });

  it("hides archived customers unless asked, and counts them", async () => {
    const cluster = await makeCluster();
    const kept = await createCustomer(customer(cluster.id), admin);
    const gone = await createCustomer(customer(cluster.id), admin);
    await archiveCustomer({ id: gone.id }, admin);
    expect((await listCustomers({ clusterId: cluster.id })).map((c) => c.id)).toEqual([kept.id]);
    const all = await listCustomers({ clusterId: cluster.id, includeArchived: true });
    expect(all.map((c) => [c.id, c.isActive])).toEqual([
      [kept.id, true],
      [gone.id, false],
    ]);
    expect(await countArchivedCustomers({ clusterId: cluster.id })).toBe(1);
  });

  it("restores a customer and gives it the steps of active releases", async () => {
    const cluster = await makeCluster();
    const { id } = await createCustomer(customer(cluster.id), admin);
    await archiveCustomer({ id }, admin);
    const release = await makeRelease({ status: "active", scope: "all" });
    await makeTemplate(release.id);

    const restored = await restoreCustomer({ id }, admin);
    expect(restored.stepsCreated).toBe(1);
    expect(await getCustomer(id)).toMatchObject({ isActive: true, archivedAt: null });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["customer.create", "customer.archive", "customer.restore"]);
    expect((await refusal(restoreCustomer({ id }, admin))).code).toBe("invalid_state");
  });

  it("refuses a restore when its namespace was taken meanwhile", async () => {
    const cluster = await makeCluster({ name: unique("prod") });
    const old = await createCustomer(customer(cluster.id, { namespace: "reused" }), admin);
    await archiveCustomer({ id: old.id }, admin);
    const newcomer = await createCustomer(customer(cluster.id, { namespace: "reused" }), admin);

    const error = await refusal(restoreCustomer({ id: old.id }, admin));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain(`${old.name} can't be restored`);
    expect(error.message).toContain(newcomer.name);
    expect((await getCustomer(old.id))?.isActive).toBe(false);
  });

  it("refuses a restore onto a deleted cluster until the customer is moved", async () => {
    const { deleteCluster } = await import("@/lib/domain/clusters/mutations/clusters");
    const [doomed, other] = [await makeCluster(), await makeCluster()];
    const c = await createCustomer(customer(doomed.id), admin);
    await archiveCustomer({ id: c.id }, admin);
    await deleteCluster({ id: doomed.id }, admin);

    expect((await refusal(restoreCustomer({ id: c.id }, admin))).message).toMatch(/has been deleted/);
    const archived = (await getCustomer(c.id))!;
    expect(archived.cluster.deleted).toBe(true);
    await updateCustomer({ id: c.id, ...customer(other.id, { name: c.name, namespace: archived.namespace }) }, admin);
    await expect(restoreCustomer({ id: c.id }, admin)).resolves.toMatchObject({ clusterId: other.id });
  });
});

describe("filtering and sorting (FM-006, spec 8.3)", () => {
  it("filters by cluster and sorts by cluster then name, or by name", async () => {
    const b = await makeCluster({ name: unique("zz-b") });
    const a = await makeCluster({ name: unique("zz-a") });
    const b1 = await createCustomer(customer(b.id, { name: unique("aaa") }), admin);
    const a1 = await createCustomer(customer(a.id, { name: unique("mmm") }), admin);
    const a2 = await createCustomer(customer(a.id, { name: unique("bbb") }), admin);

    expect((await listCustomers({ clusterId: a.id })).map((c) => c.id)).toEqual([a2.id, a1.id]);
    expect((await listCustomers({ clusterId: b.id })).map((c) => [c.id, c.cluster.name, c.namespace])).toEqual([[b1.id, b.name, expect.any(String)]]);

    const ours = new Set([a1.id, a2.id, b1.id]);
    const byCluster = (await listCustomers({ sort: "cluster" })).filter((c) => ours.has(c.id));
    expect(byCluster.map((c) => c.id)).toEqual([a2.id, a1.id, b1.id]);
    const byName = (await listCustomers({ sort: "name" })).filter((c) => ours.has(c.id));
    expect(byName.map((c) => c.id)).toEqual([b1.id, a2.id, a1.id]);
  });
});
