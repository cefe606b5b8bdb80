import { describe, expect, it } from "vitest";
import { getDashboard, recentActivity } from "@/lib/domain/dashboard/queries/dashboard";
import { withTestDatabase } from "../support/db";
import { makeCluster, makeRelease } from "../support/factories";

withTestDatabase();

describe("dashboard on a database with nothing under way", () => {
  it("shows zeros and empty lists, not errors, when no release is active", async () => {
    await makeCluster({ name: "quiet" });
    await makeRelease({ name: "Draft only" });
    expect((await getDashboard()).stats).toEqual({ releases: 0, pending: 0, done: 0, skipped: 0, reverted: 0, failed: 0, unknown: 0, total: 0 });
    expect((await getDashboard()).releases).toEqual([]);
    expect(await recentActivity()).toEqual([]);
    expect((await getDashboard()).clusters.map((k) => [k.name, k.customers, k.openSteps])).toEqual([["quiet", 0, 0]]);
  });
});
