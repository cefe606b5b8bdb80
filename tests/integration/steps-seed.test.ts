import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, customers, releases, stepEvents } from "@/db/schema";
import { seedDemoData } from "@/lib/ops/seed-demo";
import { seedDemoStepStates } from "@/lib/ops/seed-steps";
import { getCustomerReleaseView } from "@/lib/domain/steps/queries/steps";
import { withTestDatabase } from "../support/db";

withTestDatabase();

describe("demo step states (sketch 5.5)", () => {
  it("puts v2.5.0's steps into done, pending, skipped, reverted-then-done, overridden and custom states", async () => {
    await seedDemoStepStates(getDb()); // no release yet: a no-op, not an error
    await seedDemoData(getDb());
    const rows = await getDb()
      .select({
        customer: customers.name,
        name: customerSteps.name,
        status: customerSteps.status,
        is_overridden: customerSteps.isOverridden,
        is_custom: customerSteps.isCustom,
      })
      .from(customerSteps)
      .innerJoin(customers, eq(customers.id, customerSteps.customerId))
      .innerJoin(releases, eq(releases.id, customerSteps.releaseId))
      .where(eq(releases.name, "v2.5.0"))
      .orderBy(customers.name, customerSteps.category, customerSteps.orderIndex);
    const state = (customer: string, name: string) => rows.find((r) => r.customer === customer && r.name === name);
    expect(state("customer-a", "Deploy via Jenkins")?.status).toBe("done");
    expect(state("customer-a", "Run Migration SQL")).toMatchObject({ status: "done", is_overridden: true });
    expect(state("customer-a", "Update ConfigMap")?.status).toBe("skipped");
    expect(state("customer-b", "Run Migration SQL")).toMatchObject({ status: "pending", is_overridden: true });
    expect(state("customer-c", "Flush CDN cache")).toMatchObject({ status: "pending", is_custom: true });
    expect(state("customer-e", "Update ConfigMap")?.status).toBe("skipped");

    const [ids] = await getDb()
      .select({ release: releases.id, customer: customers.id })
      .from(releases)
      .crossJoin(customers)
      .where(and(eq(releases.name, "v2.5.0"), eq(customers.name, "customer-d")));
    const view = await getCustomerReleaseView(ids.release, ids.customer);
    expect(view?.deploy[0].history.map((h) => [h.label, h.actorName])).toEqual([
      ["Created from template", null],
      ["Marked as done", "Sam Shipper"],
      ["Reverted", "Riley Release"],
      ["Marked as done", "Riley Release"],
    ]);
    // The demo shows what variables, drift and four eyes look like.
    const deploy = view!.deploy[0];
    expect(deploy.rendered.content).toContain("kubectl --kubeconfig ~/.kube/prod-eu-config -n cust-d-prod rollout status");
    expect(deploy.history.at(-1)?.ran).toMatchObject({ sameAsShown: true });
    expect(deploy.rendered.content).toContain("namespace=cust-d-prod&version=v2.5.0");
    const stepOf = async (customer: string, name: string) => {
      const [c] = await getDb().select({ id: customers.id }).from(customers).where(eq(customers.name, customer));
      const v = (await getCustomerReleaseView(ids.release, c.id))!;
      return [...v.deploy, ...v.verify].find((x) => x.step.name === name)!;
    };
    expect((await stepOf("customer-b", "Run Migration SQL")).drift?.templateChange.some((p) => p.added && p.value.includes("CREATE INDEX"))).toBe(true);
    expect((await stepOf("customer-c", "Run Migration SQL")).review).toMatchObject({ reviewedByName: null });
    expect((await stepOf("demo-customer", "Smoke test checklist")).rendered.missing.map((m) => m.name)).toEqual(["customer.tier"]);
    expect((await stepOf("customer-a", "Smoke test checklist")).rendered.content).toContain("Sign in to customer-a as its enterprise-tier admin");
    // Running it again changes nothing.
    await seedDemoStepStates(getDb());
    const [{ n }] = await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(stepEvents);
    expect(n).toBe(17); // 11 step-state events + 6 from lib/ops/seed-activity.ts
  });
});
