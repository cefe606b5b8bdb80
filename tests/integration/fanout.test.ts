import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps } from "@/db/schema";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

withTestDatabase();

describe("copyTemplatesToCustomers", () => {
  it("copies every live template step to included, active customers on active clusters, once", async () => {
    const live = await makeCluster();
    const paused = await makeCluster({ isActive: false });
    const [a, b] = [await makeCustomer(live.id), await makeCustomer(live.id)];
    const archived = await makeCustomer(live.id, { isActive: false });
    const onPaused = await makeCustomer(paused.id);
    const left = await makeCustomer(live.id);
    const release = await makeRelease();
    await makeTemplate(release.id, { orderIndex: 0 });
    await makeTemplate(release.id, { orderIndex: 1, category: "verify" });
    await makeTemplate(release.id, { orderIndex: 2, deletedAt: new Date() });
    await include(release.id, [a.id, b.id, archived.id, onPaused.id]);
    await include(release.id, [left.id], "excluded");

    expect(await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" })).toBe(4);
    expect(await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" })).toBe(0);

    const rows = await getDb().select().from(customerSteps).where(eq(customerSteps.releaseId, release.id));
    expect(new Set(rows.map((r) => r.customerId))).toEqual(new Set([a.id, b.id]));
    expect(rows.every((r) => r.status === "pending" && !r.isCustom && r.origin === "activation")).toBe(true);
  });

  it("narrows to the given templates and customers", async () => {
    const cluster = await makeCluster();
    const [a, b] = [await makeCustomer(cluster.id), await makeCustomer(cluster.id)];
    const release = await makeRelease();
    const t1 = await makeTemplate(release.id, { orderIndex: 0 });
    await makeTemplate(release.id, { orderIndex: 1 });
    await include(release.id, [a.id, b.id]);
    const n = await copyTemplatesToCustomers(getDb(), {
      releaseId: release.id,
      origin: "template_added",
      templateIds: [t1.id],
      customerIds: [b.id],
    });
    expect(n).toBe(1);
  });
});

describe("giveActiveReleasesToCustomers (BR-S06)", () => {
  it("gives a new customer the steps of active all-customer releases only", async () => {
    const { giveActiveReleasesToCustomers } = await import("@/lib/domain/releases/mutations/customer-joined");
    const cluster = await makeCluster();
    const everyone = await makeRelease({ status: "active", scope: "all" });
    const narrowed = await makeRelease({ status: "active", scope: "selected" });
    const draft = await makeRelease({ status: "draft" });
    for (const r of [everyone, narrowed, draft]) await makeTemplate(r.id);
    const newcomer = await makeCustomer(cluster.id);

    expect(await giveActiveReleasesToCustomers(getDb(), [newcomer.id])).toBe(1);
    const rows = await getDb().select().from(customerSteps).where(eq(customerSteps.customerId, newcomer.id));
    expect(rows.map((r) => [r.releaseId, r.origin])).toEqual([[everyone.id, "customer_joined"]]);
  });
});
