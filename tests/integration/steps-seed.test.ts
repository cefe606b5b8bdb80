import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db/client";
import { seedDemoData } from "@/lib/ops/seed-demo";
import { seedDemoStepStates } from "@/lib/ops/seed-steps";
import { getCustomerReleaseView } from "@/lib/domain/steps/queries/steps";
import { withTestDatabase } from "../support/db";

withTestDatabase();

describe("demo step states (sketch 5.5)", () => {
  it("puts v2.5.0's steps into done, pending, skipped, reverted-then-done, overridden and custom states", async () => {
    await seedDemoStepStates(getDb()); // no release yet: a no-op, not an error
    await seedDemoData(getDb());
    const rows = rowsOf<{ customer: string; name: string; status: string; is_overridden: boolean; is_custom: boolean }>(
      await getDb().execute(sql`
        select c.name as customer, s.name, s.status, s.is_overridden, s.is_custom
        from customer_steps s join customers c on c.id = s.customer_id join releases r on r.id = s.release_id
        where r.name = 'v2.5.0' order by c.name, s.category, s.order_index
      `),
    );
    const state = (customer: string, name: string) => rows.find((r) => r.customer === customer && r.name === name);
    expect(state("customer-a", "Deploy via Jenkins")?.status).toBe("done");
    expect(state("customer-a", "Run Migration SQL")).toMatchObject({ status: "done", is_overridden: true });
    expect(state("customer-a", "Update ConfigMap")?.status).toBe("skipped");
    expect(state("customer-b", "Run Migration SQL")).toMatchObject({ status: "pending", is_overridden: true });
    expect(state("customer-c", "Flush CDN cache")).toMatchObject({ status: "pending", is_custom: true });
    expect(state("customer-e", "Update ConfigMap")?.status).toBe("skipped");

    const [ids] = rowsOf<{ release: number; customer: number }>(
      await getDb().execute(sql`select r.id as release, c.id as customer from releases r, customers c where r.name = 'v2.5.0' and c.name = 'customer-d'`),
    );
    const view = await getCustomerReleaseView(ids.release, ids.customer);
    expect(view?.deploy[0].history.map((h) => [h.label, h.actorName])).toEqual([
      ["Created from template", null],
      ["Marked as done", "Sam Shipper"],
      ["Reverted", "Riley Release"],
      ["Marked as done", "Riley Release"],
    ]);
    // Running it again changes nothing.
    await seedDemoStepStates(getDb());
    const [{ n }] = rowsOf<{ n: number }>(await getDb().execute(sql`select count(*)::int as n from step_events`));
    expect(n).toBe(17); // 11 step-state events + 6 from lib/ops/seed-activity.ts
  });
});
