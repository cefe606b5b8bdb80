import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { seedDemoActivity } from "@/lib/ops/seed-activity";
import { seedDemoData } from "@/lib/ops/seed-demo";
import { demoDates } from "@/lib/ops/seed-releases";
import { getDashboard, recentActivity } from "@/lib/domain/dashboard/queries/dashboard";
import { withTestDatabase } from "../support/db";

withTestDatabase();

describe("demo activity seed", () => {
  it("gives the dashboard recent activity by the demo users and one complete customer", async () => {
    await seedDemoActivity(getDb()); // nothing to act on yet: a no-op
    await seedDemoData(getDb());

    const activity = await recentActivity(8);
    expect(activity.slice(0, 3).map((a) => [a.customer.name, a.step.name, a.kind, a.actorName])).toEqual([
      ["customer-d", "Run Migration SQL", "marked_done", "Riley Release"],
      ["demo-customer", "Smoke test checklist", "marked_done", "Riley Release"],
      ["demo-customer", "Health Check API", "marked_done", "Riley Release"],
    ]);
    expect(activity[0].cluster.name).toBe("prod-eu");
    expect(Date.now() - activity[0].at.getTime()).toBeLessThan(20 * 60_000);
    expect(new Set(activity.map((a) => a.actorName))).toEqual(new Set(["Riley Release", "Sam Shipper"]));

    // 6 customers × 5 steps + customer-c's custom step = 31. Done: a 3, b 1, d 2, demo 5 = 11;
    // skipped: a ConfigMap, e ConfigMap = 2; reverted: none left (d's deploy was redone).
    expect((await getDashboard()).stats).toEqual({ releases: 1, pending: 18, done: 11, skipped: 2, reverted: 0, failed: 0, unknown: 0, total: 31 });
    const [v25] = (await getDashboard()).releases;
    expect(v25.progress.all).toMatchObject({ customers: 6, completeCustomers: 1 }); // demo-customer (customer-a's smoke test is open)

    // Dated from the day it is loaded: due in five days, never "overdue" on a fresh install.
    const today = new Date().toISOString().slice(0, 10);
    expect(v25.releaseDate! > today).toBe(true);
    expect(v25.releaseDate).toBe(demoDates().v25.due);

    // Seeding again adds nothing.
    const before = (await recentActivity(100)).length;
    await seedDemoActivity(getDb());
    expect((await recentActivity(100)).length).toBe(before);
    expect((await getDashboard()).stats).toMatchObject({ done: 11 });
  });
});
