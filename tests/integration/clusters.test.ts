import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, clusters } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { createClusterInput, updateClusterInput } from "@/lib/domain/clusters/input";
import { createCluster, deleteCluster, updateCluster } from "@/lib/domain/clusters/mutations/clusters";
import { getCluster, listClusterOptions, listClusters } from "@/lib/domain/clusters/queries/clusters";
import { archiveCustomer, createCustomer } from "@/lib/domain/customers/mutations/customers";
import { DomainError } from "@/lib/domain/errors";
import { createActor, withTestDatabase } from "../support/db";

withTestDatabase();

let admin: Actor;
beforeAll(async () => {
  admin = await createActor("admin");
});

let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 6)}`;
const fields = (name: string, extra: Partial<Parameters<typeof createCluster>[0]> = {}) => ({
  name,
  kubeconfigPath: null,
  description: "",
  isActive: true,
  metadata: {},
  ...extra,
});

/** The DomainError a promise rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("creating and editing clusters (FC-001, FC-002)", () => {
  it("stores every field and round-trips metadata", async () => {
    const name = unique("prod");
    const { id } = await createCluster(
      fields(name, {
        kubeconfigPath: "~/.kube/prod",
        description: "Production",
        metadata: { region: "us-east-1", api_endpoint: "https://k8s.example.com" },
      }),
      admin,
    );
    const detail = await getCluster(id);
    expect(detail).toMatchObject({
      name,
      kubeconfigPath: "~/.kube/prod",
      description: "Production",
      isActive: true,
      region: "us-east-1",
      metadata: { region: "us-east-1", api_endpoint: "https://k8s.example.com" },
      customers: [],
    });

    await updateCluster({ id, ...fields(name, { isActive: false, metadata: { region: "eu-west-1" } }) }, admin);
    expect(await getCluster(id)).toMatchObject({ isActive: false, kubeconfigPath: null, metadata: { region: "eu-west-1" } });
  });

  it("parses the form's metadata pairs and an empty kubeconfig path", () => {
    const parsed = createClusterInput.parse({
      name: " prod-x ",
      kubeconfigPath: "  ",
      description: "",
      isActive: "on",
      metaKey: ["region", "", "tier"],
      metaValue: ["us-east-1", "", "gold"],
    });
    expect(parsed).toEqual({ name: "prod-x", kubeconfigPath: null, description: "", isActive: true, metadata: { region: "us-east-1", tier: "gold" } });
    expect(updateClusterInput.safeParse({ id: "3", name: "bad name!", metaKey: ["region", "region"], metaValue: ["a", "b"] }).success).toBe(false);
  });

  it("refuses a duplicate name, ignoring case, with a field error naming it", async () => {
    const name = unique("prod-us");
    await createCluster(fields(name), admin);
    const error = await refusal(createCluster(fields(name.toUpperCase()), admin));
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors?.name).toEqual([`A cluster named ${name} already exists.`]);
  });

  it("refuses renaming onto another cluster's name but lets a cluster keep its own", async () => {
    const a = await createCluster(fields(unique("a")), admin);
    const b = await createCluster(fields(unique("b")), admin);
    const error = await refusal(updateCluster({ id: b.id, ...fields(a.name) }, admin));
    expect(error.fieldErrors?.name?.[0]).toMatch(/already exists/);
    await expect(updateCluster({ id: a.id, ...fields(a.name, { description: "same name" }) }, admin)).resolves.toMatchObject({ id: a.id });
  });

  it("gives one of two simultaneous creates the same field error (pre-check or unique index)", async () => {
    const name = unique("race");
    // On Postgres both transactions may pass the pre-check and the loser hits the unique index;
    // on PGlite they run one after the other and the pre-check refuses. The user sees the same.
    const results = await Promise.allSettled([createCluster(fields(name), admin), createCluster(fields(name), admin)]);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "invalid_input", fieldErrors: { name: [`A cluster named ${name} already exists.`] } });
  });

  it("writes an audit row in the same transaction", async () => {
    const { id } = await createCluster(fields(unique("audited")), admin);
    const rows = await getDb().select().from(auditLog).where(and(eq(auditLog.entityType, "cluster"), eq(auditLog.entityId, String(id))));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "cluster.create", actorId: admin.id });
  });
});

describe("deleting clusters (FC-003, BR-C01)", () => {
  it("is refused while the cluster has active customers, allowed once they are archived", async () => {
    const name = unique("busy");
    const { id } = await createCluster(fields(name), admin);
    const customer = await createCustomer({ name: unique("cust"), namespace: unique("ns"), clusterId: id, description: "", metadata: {} }, admin);

    const error = await refusal(deleteCluster({ id }, admin));
    expect(error.code).toBe("invalid_state");
    expect(error.message).toContain(`${name} still has 1 active customer (${customer.name})`);
    expect(await getCluster(id)).not.toBeNull();

    await archiveCustomer({ id: customer.id }, admin);
    await deleteCluster({ id }, admin);
    expect(await getCluster(id)).toBeNull();
    const [row] = await getDb().select().from(clusters).where(eq(clusters.id, id));
    expect(row.deletedAt).toBeInstanceOf(Date); // soft: the row stays for history
    expect((await listClusters()).map((c) => c.id)).not.toContain(id);
    expect((await listClusterOptions()).map((c) => c.id)).not.toContain(id);
  });

  it("frees the name for reuse after a delete", async () => {
    const name = unique("reuse");
    const first = await createCluster(fields(name), admin);
    await deleteCluster({ id: first.id }, admin);
    const second = await createCluster(fields(name), admin);
    expect(second.id).not.toBe(first.id);
  });

  it("cannot delete, edit or put customers on a deleted cluster", async () => {
    const { id, name } = await createCluster(fields(unique("gone")), admin);
    await deleteCluster({ id }, admin);
    expect((await refusal(deleteCluster({ id }, admin))).code).toBe("not_found");
    expect((await refusal(updateCluster({ id, ...fields(name) }, admin))).code).toBe("not_found");
    const error = await refusal(createCustomer({ name: unique("c"), namespace: "ns", clusterId: id, description: "", metadata: {} }, admin));
    expect(error.fieldErrors?.clusterId?.[0]).toMatch(/no longer exists/);
  });
});

describe("listing clusters (FC-004, FC-005)", () => {
  it("shows each cluster's active customers, count and region", async () => {
    const { id } = await createCluster(fields(unique("listed"), { metadata: { region: "internal" } }), admin);
    const b = await createCustomer({ name: unique("zeta"), namespace: "ns-b", clusterId: id, description: "", metadata: {} }, admin);
    const a = await createCustomer({ name: unique("alpha"), namespace: "ns-a", clusterId: id, description: "", metadata: {} }, admin);
    const gone = await createCustomer({ name: unique("old"), namespace: "ns-c", clusterId: id, description: "", metadata: {} }, admin);
    await archiveCustomer({ id: gone.id }, admin);

    const listed = (await listClusters()).find((c) => c.id === id)!;
    expect(listed.region).toBe("internal");
    expect(listed.customers).toEqual([
      { id: a.id, name: a.name, namespace: "ns-a" },
      { id: b.id, name: b.name, namespace: "ns-b" },
    ]);
    expect((await getCluster(id))?.archivedCustomerCount).toBe(1);
    expect(await getCluster(999_999)).toBeNull();
  });
});
