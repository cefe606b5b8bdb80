import { describe, expect, it } from "vitest";
import { FLEET_FILE_KIND, type FleetCustomer, type FleetFile } from "@/lib/domain/fleet/model/fleet-file";
import { planFleet, planIsEmpty, type CurrentFleet } from "@/lib/domain/fleet/model/plan";

/** The preview of an import (issue 27): exactly what will change, field by field, and every problem by path. */
const current: CurrentFleet = {
  clusters: [
    { id: 1, name: "prod-eu", kubeconfigPath: "/k/eu", description: "", metadata: { region: "eu" } },
    { id: 2, name: "prod-us", kubeconfigPath: null, description: "", metadata: {} },
  ],
  customers: [
    { id: 10, name: "customer-a", clusterId: 1, cluster: "prod-eu", namespace: "cust-a", description: "", metadata: { tier: "gold" }, isActive: true },
    { id: 11, name: "customer-b", clusterId: 1, cluster: "prod-eu", namespace: "cust-b", description: "", metadata: {}, isActive: true },
    { id: 12, name: "customer-x", clusterId: 2, cluster: "prod-us", namespace: "cust-x", description: "", metadata: {}, isActive: true },
    { id: 13, name: "customer-old", clusterId: 2, cluster: "prod-us", namespace: "cust-old", description: "", metadata: {}, isActive: false },
  ],
};
const customer = (over: Partial<FleetCustomer> & Pick<FleetCustomer, "name" | "cluster" | "namespace">): FleetCustomer => ({ description: "", metadata: {}, archived: false, ...over });
const exported: FleetFile = {
  kind: FLEET_FILE_KIND,
  clusters: current.clusters.map(({ name, kubeconfigPath, description, metadata }) => ({ name, kubeconfigPath, description, metadata })),
  customers: current.customers.map((c) => customer({ name: c.name, cluster: c.cluster, namespace: c.namespace, metadata: c.metadata, archived: !c.isActive })),
};

describe("planFleet", () => {
  it("the exported fleet, imported back: nothing to do", () => {
    const plan = planFleet(current, exported, { archiveMissing: true });
    expect(plan.problems).toEqual([]);
    expect(planIsEmpty(plan)).toBe(true);
    expect(plan.customers.unchanged).toBe(4);
    expect(plan.clusters.unchanged).toBe(2);
  });

  it("creates, updates field by field, moves, restores, archives what the file archives, keeps or archives what it leaves out", () => {
    const file: FleetFile = {
      kind: FLEET_FILE_KIND,
      clusters: [...exported.clusters.map((c) => (c.name === "prod-eu" ? { ...c, kubeconfigPath: "/k/eu-2" } : c)), { name: "staging", kubeconfigPath: null, description: "", metadata: {} }],
      customers: [
        customer({ name: "customer-a", cluster: "prod-eu", namespace: "cust-a", metadata: { tier: "silver" } }),
        customer({ name: "Customer-B", cluster: "prod-us", namespace: "cust-b" }),
        customer({ name: "customer-old", cluster: "prod-us", namespace: "cust-old" }),
        customer({ name: "customer-new", cluster: "staging", namespace: "cust-new" }),
      ],
    };
    const kept = planFleet(current, file, { archiveMissing: false });
    expect(kept.problems).toEqual([]);
    expect(kept.clusters.create.map((c) => c.name)).toEqual(["staging"]);
    expect(kept.clusters.update).toMatchObject([{ id: 1, name: "prod-eu", changes: [{ field: "kubeconfigPath", from: "/k/eu", to: "/k/eu-2" }] }]);
    expect(kept.customers.create.map((c) => c.name)).toEqual(["customer-new"]);
    expect(kept.customers.update).toMatchObject([
      { id: 10, name: "customer-a", changes: [{ field: "metadata", from: "tier=gold", to: "tier=silver" }], moved: false },
      {
        id: 11,
        name: "customer-b",
        changes: [
          { field: "name", from: "customer-b", to: "Customer-B" },
          { field: "cluster", from: "prod-eu", to: "prod-us" },
        ],
        moved: true,
      },
    ]);
    expect(kept.customers.restore).toMatchObject([{ id: 13, name: "customer-old", cluster: "prod-us", row: { namespace: "cust-old" } }]);
    expect(kept.customers.keptMissing).toEqual([{ id: 12, name: "customer-x", cluster: "prod-us" }]);
    expect(kept.customers.archive).toEqual([]);
    const archived = planFleet(current, file, { archiveMissing: true });
    expect(archived.customers.archive).toEqual([{ id: 12, name: "customer-x", cluster: "prod-us", why: "missing from the file" }]);
  });

  it("refuses by path: a name twice, an unknown cluster, a namespace taken in the file or by a customer it leaves in place", () => {
    const file: FleetFile = {
      kind: FLEET_FILE_KIND,
      clusters: [],
      customers: [
        customer({ name: "n1", cluster: "prod-eu", namespace: "ns-1" }),
        customer({ name: "N1", cluster: "prod-eu", namespace: "ns-2" }),
        customer({ name: "n3", cluster: "nowhere", namespace: "ns-3" }),
        customer({ name: "n4", cluster: "prod-eu", namespace: "ns-1" }),
        customer({ name: "n5", cluster: "prod-us", namespace: "cust-x" }),
      ],
    };
    const plan = planFleet(current, file, { archiveMissing: false });
    expect(plan.problems).toEqual([
      { path: "customers.1.name", message: "N1 is listed twice (also customers.0)." },
      { path: "customers.2.cluster", message: "There is no cluster named nowhere, in Runsheet or in this file." },
      { path: "customers.3.namespace", message: "ns-1 is also customers.0's (n1) in prod-eu." },
      {
        path: "customers.4.namespace",
        message: 'cust-x is already used by customer-x in prod-us (not in this file, so it stays; tick "archive customers missing from the file" to archive it).',
      },
    ]);
    // Archiving the customers the file leaves out frees their namespaces.
    expect(planFleet(current, file, { archiveMissing: true }).problems.map((p) => p.path)).not.toContain("customers.4.namespace");
  });

  it("a swap of namespaces between two customers in the file is no clash", () => {
    const file: FleetFile = {
      ...exported,
      customers: exported.customers.map((c) => (c.name === "customer-a" ? { ...c, namespace: "cust-b" } : c.name === "customer-b" ? { ...c, namespace: "cust-a" } : c)),
    };
    expect(planFleet(current, file, { archiveMissing: false }).problems).toEqual([]);
  });
});

describe("fleetFromSource", () => {
  it("a CSV sets the metadata keys of its columns and keeps a customer's others (a stage's label) and its description", async () => {
    const { fleetFromSource } = await import("@/lib/domain/fleet/model/sources");
    const withLabel: CurrentFleet = { ...current, customers: current.customers.map((c) => (c.name === "customer-a" ? { ...c, description: "Our first", metadata: { tier: "gold", wave: "canary" } } : c)) };
    const read = fleetFromSource(withLabel, { kind: "csv", text: "name,cluster,namespace,tier\ncustomer-a,prod-eu,cust-a,platinum\n" });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const plan = planFleet(withLabel, read.value.file, { archiveMissing: false });
    expect(plan.customers.update).toMatchObject([{ id: 10, name: "customer-a", changes: [{ field: "metadata", from: "tier=gold, wave=canary", to: "tier=platinum, wave=canary" }], moved: false }]);
  });

  it("a kubeconfig adds clusters and leaves every customer as it is; a namespace list is one cluster's customers", async () => {
    const { fleetFromSource } = await import("@/lib/domain/fleet/model/sources");
    const kube = fleetFromSource(current, { kind: "kubeconfig", text: "contexts:\n  - name: staging\n    context: { cluster: s }\nclusters:\n  - name: s\n    cluster: { server: https://10.0.0.1 }\n" });
    expect(kube.ok).toBe(true);
    if (!kube.ok) return;
    const plan = planFleet(current, kube.value.file, { archiveMissing: true });
    expect(plan.clusters.create.map((c) => c.name)).toEqual(["staging"]);
    expect(plan.customers.archive).toEqual([]);
    expect(kube.value.missingScope).toBeNull();
    const ns = fleetFromSource(current, { kind: "namespaces", cluster: "prod-eu", text: JSON.stringify({ items: [{ metadata: { name: "cust-a" } }, { metadata: { name: "cust-z" } }] }) });
    expect(ns.ok).toBe(true);
    if (!ns.ok) return;
    const nsPlan = planFleet(current, ns.value.file, { archiveMissing: true });
    // cust-a is customer-a's namespace: that customer (its name kept), not a new one.
    expect(nsPlan.problems).toEqual([]);
    expect(nsPlan.customers.create.map((c) => c.name)).toEqual(["cust-z"]);
    expect(nsPlan.customers.update).toEqual([]);
    expect(nsPlan.customers.archive.map((c) => c.name)).toEqual(["customer-b"]);
  });
});

describe("names Runsheet keeps unique only among active customers", () => {
  it("an export that lists an archived customer beside an active one of the same name imports back unchanged", () => {
    const twice: CurrentFleet = {
      ...current,
      customers: [
        ...current.customers,
        { id: 20, name: "acme", clusterId: 1, cluster: "prod-eu", namespace: "acme-v1", description: "", metadata: {}, isActive: false },
        { id: 21, name: "Acme", clusterId: 1, cluster: "prod-eu", namespace: "acme-v2", description: "", metadata: {}, isActive: true },
      ],
    };
    const file: FleetFile = {
      ...exported,
      customers: twice.customers.map((c) => customer({ name: c.name, cluster: c.cluster, namespace: c.namespace, metadata: c.metadata, archived: !c.isActive })),
    };
    const plan = planFleet(twice, file, { archiveMissing: true });
    expect(plan.problems).toEqual([]);
    expect(planIsEmpty(plan)).toBe(true);
    // Two active rows of one name are still a mistake.
    const bad = planFleet(twice, { ...file, customers: [...file.customers, customer({ name: "ACME", cluster: "prod-us", namespace: "acme-3" })] }, { archiveMissing: false });
    expect(bad.problems).toEqual([{ path: `customers.${file.customers.length}.name`, message: `ACME is listed twice (also customers.${file.customers.length - 1}).` }]);
  });

  it("a namespace list does not move a customer of another cluster here by its name", async () => {
    const { fleetFromSource } = await import("@/lib/domain/fleet/model/sources");
    const read = fleetFromSource(current, { kind: "namespaces", cluster: "prod-us", text: JSON.stringify({ items: [{ metadata: { name: "customer-a" } }] }) });
    expect(read).toEqual({ ok: false, problems: [{ path: "namespaces.customer-a", message: "customer-a is already a customer on prod-eu: name this namespace's customer differently, or move customer-a first." }] });
  });
});
