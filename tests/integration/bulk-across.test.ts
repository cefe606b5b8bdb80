import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, customers, stepEvents } from "@/db/schema";
import { bulkChange } from "@/lib/domain/steps/mutations/bulk-across";
import { markStepDone, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, refusal, stepsOf } from "./steps-support";
import { stagedRelease, stepsOfCustomer } from "./stages-support";

withTestDatabase();

const refs = (rows: Array<{ id: number; version: number }>) => rows.map((r) => ({ stepId: r.id, version: r.version }));

describe("bulk across customers", () => {
  it("marks many steps done in one change: per-row versions, rules and reasons for what was left, one audit entry", async () => {
    const rm = await createActor("release_manager");
    const other = await createActor("release_manager");
    const { release, a, b } = await activatedRelease();
    const [aDeploy, aSql, aCm] = await stepsOf(release.id, a.id);
    const [bDeploy, bSql, bCm] = await stepsOf(release.id, b.id);
    // Meanwhile: someone else marks b's deploy done (stale version), and a's ConfigMap is skipped.
    await markStepDone({ stepId: bDeploy.id, version: bDeploy.version, notes: "" }, other);
    const skipped = await skipStep({ stepId: aCm.id, version: aCm.version, reason: "n/a" }, other);

    const result = await bulkChange(
      { releaseId: release.id, change: "done", steps: refs([aDeploy, aSql, bDeploy, bSql, bCm]).concat({ stepId: skipped.id, version: skipped.version }), reason: "", notes: "wave 1" },
      rm,
    );
    expect(result.changed.map((c) => c.id).sort()).toEqual([aDeploy.id, aSql.id, bSql.id, bCm.id].sort());
    expect(result.changed.every((c) => c.status === "done" && c.version === 2)).toBe(true);
    expect(result.left).toEqual(expect.arrayContaining([
      { id: bDeploy.id, reason: "changed_by_someone_else" },
      { id: skipped.id, reason: "not_applicable" },
    ]));
    expect(result.leftBy).toEqual({ changed_by_someone_else: 1, not_applicable: 1 });
    // Each changed row has its own history entry, with the note; one audit entry for the whole change.
    const events = await getDb().select().from(stepEvents).where(and(eq(stepEvents.releaseId, release.id), eq(stepEvents.actorId, rm.id)));
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.kind === "marked_done" && e.detail.bulk === true && e.detail.notes === "wave 1" && typeof e.detail.ran === "string")).toBe(true);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, "customer_step.bulk_done"));
    expect(audits).toHaveLength(1);
    expect(audits[0].summary).toBe(`Marked 4 steps done for 2 customers in "${release.name}" (2 left as they were)`);
    expect(audits[0].after).toMatchObject({ changed: 4, customers: 2, left: 2 });

    // Repeating the same selection changes nothing (every version is stale now), and says so.
    expect((await refusal(() => bulkChange({ releaseId: release.id, change: "done", steps: refs([aDeploy, aSql]), reason: "", notes: "" }, rm))).message).toBe(
      "Nothing was changed: 2 changed by someone else since you selected it.",
    );
  });

  it("skip needs a reason; revert takes done steps back; archived customers are left", async () => {
    const rm = await createActor("release_manager");
    const { release, a, b } = await activatedRelease();
    const [aDeploy] = await stepsOf(release.id, a.id);
    const [bDeploy] = await stepsOf(release.id, b.id);
    const skipped = await bulkChange({ releaseId: release.id, change: "skip", steps: refs([aDeploy, bDeploy]), reason: "Not needed in this wave", notes: "" }, rm);
    expect(skipped.changed.map((c) => c.status)).toEqual(["skipped", "skipped"]);
    const events = await getDb().select().from(stepEvents).where(eq(stepEvents.customerStepId, aDeploy.id));
    expect(events.map((e) => [e.kind, e.detail.reason])).toEqual([["skipped", "Not needed in this wave"]]);

    const [, aSql] = await stepsOf(release.id, a.id);
    const [, bSql] = await stepsOf(release.id, b.id);
    const done = await bulkChange({ releaseId: release.id, change: "done", steps: refs([aSql, bSql]), reason: "", notes: "" }, rm);
    await getDb().update(customers).set({ isActive: false }).where(eq(customers.id, b.id));
    const reverted = await bulkChange(
      { releaseId: release.id, change: "revert", steps: done.changed.map((c) => ({ stepId: c.id, version: c.version })), reason: "wrong image", notes: "" },
      rm,
    );
    expect(reverted.changed.map((c) => [c.id, c.status])).toEqual([[aSql.id, "reverted"]]);
    expect(reverted.left).toEqual([{ id: bSql.id, reason: "customer_archived" }]);
  });

  it("stage gates hold in bulk: a waiting stage's steps are left, with the reason", async () => {
    const s = await stagedRelease();
    const staging = await stepsOfCustomer(s.release.id, s.staging.id);
    const production = await stepsOfCustomer(s.release.id, s.production.id);
    const result = await bulkChange({ releaseId: s.release.id, change: "done", steps: refs([...staging, ...production]), reason: "", notes: "" }, s.rm);
    expect(result.changed.map((c) => c.id).sort()).toEqual(staging.map((x) => x.id).sort());
    expect(result.leftBy).toEqual({ stage_not_open: production.length });
    expect((await stepsOfCustomer(s.release.id, s.production.id)).every((x) => x.status === "pending")).toBe(true);
  });
});
