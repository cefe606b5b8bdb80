import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clusters, customerSteps, customers, releaseCustomers, releases } from "@/db/schema";
import { activateRelease, addCustomersToRelease } from "@/lib/domain/releases/mutations/activation";
import { DomainError } from "@/lib/domain/errors";
import { addCustomStep } from "@/lib/domain/steps/mutations/custom";
import { createActor, engine, withTestDatabase } from "../support/db";
import { makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

withTestDatabase();

const stepsOf = (releaseId: number) => getDb().select().from(customerSteps).where(eq(customerSteps.releaseId, releaseId));
const membersOf = (releaseId: number) => getDb().select().from(releaseCustomers).where(eq(releaseCustomers.releaseId, releaseId));
const statusOf = async (releaseId: number) => (await getDb().select().from(releases).where(eq(releases.id, releaseId)))[0];

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Arranges a world where the activation's fan-out is only a subset of all customers. */
async function world() {
  const east = await makeCluster();
  const west = await makeCluster();
  const paused = await makeCluster({ isActive: false });
  const gone = await makeCluster({ deletedAt: new Date() });
  const live = [await makeCustomer(east.id), await makeCustomer(east.id), await makeCustomer(west.id)];
  const archived = await makeCustomer(east.id, { isActive: false });
  const onPaused = await makeCustomer(paused.id);
  const onGone = await makeCustomer(gone.id);
  const release = await makeRelease();
  await makeTemplate(release.id, { orderIndex: 0 });
  await makeTemplate(release.id, { orderIndex: 1 });
  await makeTemplate(release.id, { orderIndex: 0, category: "verify" });
  await makeTemplate(release.id, { orderIndex: 2, deletedAt: new Date() });
  return { east, west, live, archived, onPaused, onGone, release };
}

describe(`activation (${engine})`, () => {
  it("creates live template steps × included active customers, in active clusters only", async () => {
    const actor = await createActor("release_manager");
    const { release, live, archived, onPaused, onGone, east, west } = await world();
    // Every other test's customers are eligible too: count what the database says is eligible.
    const [{ n: eligible }] = await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(customers)
      .innerJoin(clusters, eq(clusters.id, customers.clusterId))
      .where(and(eq(customers.isActive, true), eq(clusters.isActive, true), isNull(clusters.deletedAt)));
    const result = await activateRelease({ id: release.id, mode: "all", clusterIds: [], customerIds: [] }, actor);
    expect(result).toMatchObject({ alreadyActive: false, customers: eligible, templateSteps: 3, stepsCreated: eligible * 3, excluded: 0 });
    expect(result.clusters).toBeGreaterThanOrEqual(2);

    const rows = await stepsOf(release.id);
    expect(rows).toHaveLength(eligible * 3);
    const customersWithSteps = new Set(rows.map((r) => r.customerId));
    for (const c of live) expect(customersWithSteps.has(c.id)).toBe(true);
    for (const c of [archived, onPaused, onGone]) expect(customersWithSteps.has(c.id)).toBe(false);
    expect(rows.every((r) => r.origin === "activation" && r.status === "pending" && !r.isCustom)).toBe(true);
    expect(new Set([east.id, west.id]).size).toBe(2);

    const after = await statusOf(release.id);
    expect(after.status).toBe("active");
    expect(after.scope).toBe("all");
    expect(after.activatedAt).not.toBeNull();
  });

  it("is harmless when repeated: nothing is duplicated", async () => {
    const actor = await createActor("release_manager");
    const { release } = await world();
    const first = await activateRelease({ id: release.id, mode: "all", clusterIds: [], customerIds: [] }, actor);
    const second = await activateRelease({ id: release.id, mode: "all", clusterIds: [], customerIds: [] }, actor);
    expect(second).toMatchObject({ alreadyActive: true, stepsCreated: 0 });
    expect(await stepsOf(release.id)).toHaveLength(first.stepsCreated);
    // Even two at once: one wins, the other sees "active".
    const { release: other } = await world();
    const both = await Promise.all([
      activateRelease({ id: other.id, mode: "all", clusterIds: [], customerIds: [] }, actor),
      activateRelease({ id: other.id, mode: "all", clusterIds: [], customerIds: [] }, actor),
    ]);
    expect(both.filter((r) => r.alreadyActive)).toHaveLength(1);
    expect(await stepsOf(other.id)).toHaveLength(both.find((r) => !r.alreadyActive)!.stepsCreated);
  });

  it("refuses to activate a release with no template steps for everyone (it would create nothing), also when all were deleted", async () => {
    const actor = await createActor("release_manager");
    const empty = await makeRelease();
    const error = await refusal(activateRelease({ id: empty.id, mode: "all", clusterIds: [], customerIds: [] }, actor));
    expect(error.code).toBe("invalid_state");
    expect(error.message).toMatch(/no template steps/);
    const allDeleted = await makeRelease();
    await makeTemplate(allDeleted.id, { deletedAt: new Date() });
    expect((await refusal(activateRelease({ id: allDeleted.id, mode: "all", clusterIds: [], customerIds: [] }, actor))).code).toBe(
      "invalid_state",
    );
    expect((await statusOf(empty.id)).status).toBe("draft");
    expect(await membersOf(empty.id)).toHaveLength(0);
  });

  it("activates a hotfix with no template steps for two chosen customers, who then get custom steps (spec 7.3)", async () => {
    const actor = await createActor("release_manager");
    const cluster = await makeCluster();
    const [a, b, other] = [await makeCustomer(cluster.id), await makeCustomer(cluster.id), await makeCustomer(cluster.id)];
    const hotfix = await makeRelease({ type: "hotfix" });
    const result = await activateRelease({ id: hotfix.id, mode: "customers", clusterIds: [], customerIds: [a.id, b.id] }, actor);
    expect(result).toMatchObject({ alreadyActive: false, customers: 2, clusters: 1, templateSteps: 0, stepsCreated: 0 });
    expect((await statusOf(hotfix.id)).status).toBe("active");
    const members = await membersOf(hotfix.id);
    expect(members.filter((m) => m.membership === "included").map((m) => m.customerId).sort()).toEqual([a.id, b.id].sort());
    expect(members.find((m) => m.customerId === other.id)?.membership).toBe("excluded");

    const custom = { category: "deploy" as const, type: "bash" as const, content: "kubectl rollout restart deploy/api", description: "", position: { where: "end" as const }, addToTemplate: false };
    for (const customer of [a, b]) {
      await addCustomStep({ releaseId: hotfix.id, customerId: customer.id, name: `Patch ${customer.name}`, ...custom }, actor);
    }
    const steps = await stepsOf(hotfix.id);
    expect(steps.map((s) => [s.customerId, s.isCustom]).sort()).toEqual([[a.id, true], [b.id, true]].sort());
    // The one left out is told, not given a step.
    const refused = await refusal(addCustomStep({ releaseId: hotfix.id, customerId: other.id, name: "Patch", ...custom }, actor));
    expect(refused.message).toMatch(/does not take part/);
  });

  it("is all or nothing: a failure in the fan-out leaves a draft with no members and no steps", async () => {
    const actor = await createActor("release_manager");
    const { release } = await world();
    // A trigger that fails the fan-out statement for this release only (the second write).
    await getDb().execute(sql.raw(`
      create or replace function fail_fanout() returns trigger language plpgsql as $$
      begin
        if new.release_id = ${release.id} then raise exception 'injected failure'; end if;
        return new;
      end $$`));
    await getDb().execute(sql.raw(`create trigger fail_fanout before insert on customer_steps for each row execute function fail_fanout()`));
    try {
      await expect(activateRelease({ id: release.id, mode: "all", clusterIds: [], customerIds: [] }, actor)).rejects.toThrow();
    } finally {
      await getDb().execute(sql.raw(`drop trigger fail_fanout on customer_steps`));
      await getDb().execute(sql.raw(`drop function fail_fanout()`));
    }
    expect((await statusOf(release.id)).status).toBe("draft");
    expect(await stepsOf(release.id)).toHaveLength(0);
    expect(await membersOf(release.id)).toHaveLength(0);
    // And it can be activated once the cause is gone.
    const ok = await activateRelease({ id: release.id, mode: "all", clusterIds: [], customerIds: [] }, actor);
    expect(ok.stepsCreated).toBeGreaterThan(0);
  });

  it("refuses to re-activate an archived release", async () => {
    const actor = await createActor("release_manager");
    const release = await makeRelease({ status: "archived" });
    await makeTemplate(release.id);
    const error = await refusal(activateRelease({ id: release.id, mode: "all", clusterIds: [], customerIds: [] }, actor));
    expect(error.code).toBe("invalid_state");
    expect(error.message).toMatch(/archived/i);
  });
});

describe(`narrowed activation (${engine})`, () => {
  it("records the customers left out as excluded and adds them later, set-based", async () => {
    const actor = await createActor("release_manager");
    const { release, live, east } = await world();
    const result = await activateRelease({ id: release.id, mode: "customers", clusterIds: [], customerIds: [live[0].id] }, actor);
    expect(result).toMatchObject({ customers: 1, clusters: 1, stepsCreated: 3 });
    expect(result.excluded).toBeGreaterThanOrEqual(2);
    expect((await statusOf(release.id)).scope).toBe("selected");

    const members = await membersOf(release.id);
    expect(members.find((m) => m.customerId === live[0].id)?.membership).toBe("included");
    expect(members.find((m) => m.customerId === live[1].id)?.membership).toBe("excluded");
    expect(new Set((await stepsOf(release.id)).map((s) => s.customerId))).toEqual(new Set([live[0].id]));

    const added = await addCustomersToRelease({ id: release.id, customerIds: [live[1].id, live[2].id] }, actor);
    expect(added).toEqual({ customersAdded: 2, stepsCreated: 6 });
    const steps = await stepsOf(release.id);
    expect(steps.filter((s) => s.origin === "scope_added")).toHaveLength(6);
    // Adding again is harmless.
    expect(await addCustomersToRelease({ id: release.id, customerIds: [live[1].id] }, actor)).toEqual({ customersAdded: 0, stepsCreated: 0 });
    expect((await statusOf(release.id)).scope).toBe("selected");

    // By cluster: everyone in `east`.
    const { release: byCluster } = await world();
    const r2 = await activateRelease({ id: byCluster.id, mode: "clusters", clusterIds: [east.id], customerIds: [] }, actor);
    expect(r2.customers).toBe(2);
    expect(r2.clusters).toBe(1);
  });

  it("refuses a narrowed activation that reaches nobody, and adding customers to a draft", async () => {
    const actor = await createActor("release_manager");
    const { release, archived } = await world();
    const error = await refusal(activateRelease({ id: release.id, mode: "customers", clusterIds: [], customerIds: [archived.id] }, actor));
    expect(error.code).toBe("invalid_state");
    expect((await statusOf(release.id)).status).toBe("draft");
    expect(await membersOf(release.id)).toHaveLength(0);
    expect((await refusal(addCustomersToRelease({ id: release.id, customerIds: [archived.id] }, actor))).code).toBe("invalid_state");
  });

  it("new customers join all-customer releases only (BR-S06)", async () => {
    const actor = await createActor("release_manager");
    const { giveActiveReleasesToCustomers } = await import("@/lib/domain/releases/mutations/customer-joined");
    const { release: everyone } = await world();
    const { release: narrowed, live } = await world();
    await activateRelease({ id: everyone.id, mode: "all", clusterIds: [], customerIds: [] }, actor);
    await activateRelease({ id: narrowed.id, mode: "customers", clusterIds: [], customerIds: [live[0].id] }, actor);
    const cluster = await makeCluster();
    const newcomer = await makeCustomer(cluster.id);
    await giveActiveReleasesToCustomers(getDb(), [newcomer.id]);
    const rows = await getDb().select().from(customerSteps).where(eq(customerSteps.customerId, newcomer.id));
    expect(rows.filter((r) => r.releaseId === everyone.id)).toHaveLength(3);
    expect(rows.filter((r) => r.releaseId === narrowed.id)).toHaveLength(0);
  });
});
