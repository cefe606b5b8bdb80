import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { archiveCustomer, restoreCustomer } from "@/lib/domain/customers/mutations/customers";
import { getMatrix } from "@/lib/domain/matrix/queries/matrix";
import { progressByRelease } from "@/lib/domain/progress/model/aggregate";
import { stepCountsForActiveReleases } from "@/lib/domain/progress/queries/step-counts";
import { getRelease } from "@/lib/domain/releases/queries/releases";
import { markStepDone } from "@/lib/domain/steps/mutations/transitions";
import { createActor, engine, withTestDatabase } from "../support/db";
import { activatedRelease, refusal, stepsOf } from "./steps-support";

withTestDatabase();

const params = { category: "deploy" as const, workLeft: false, archived: false, open: "all" as const };

/**
 * BR-M03 as the spec implies it: archiving takes a customer out of the releases under way. Its
 * open steps leave every count (so the release can reach "all customers complete"), its steps and
 * history stay, the domain refuses changes to them, and restoring brings everything back.
 */
describe(`a customer archived mid-release (${engine})`, () => {
  it("leaves the counts, stays in history, is refused, and comes back when restored", async () => {
    const rm = await createActor("release_manager", "Riley Release");
    const admin = await createActor("admin");
    const { release, a, b } = await activatedRelease();
    // a finishes everything; b has not started.
    for (const category of ["deploy", "verify"] as const) {
      for (const s of await stepsOf(release.id, a.id, category)) await markStepDone({ stepId: s.id, version: s.version, notes: "" }, rm);
    }
    const progress = async () => progressByRelease(await stepCountsForActiveReleases({ releaseIds: [release.id] })).get(release.id)!.overall.all;
    expect(await progress()).toMatchObject({ customers: 2, completeCustomers: 1, percent: 50 });

    await archiveCustomer({ id: b.id }, admin);
    // One truth: the aggregate, the release page and the matrix all leave b out.
    expect(await progress()).toMatchObject({ customers: 1, completeCustomers: 1, percent: 100 });
    const detail = await getRelease(release.id);
    expect(detail!.progress.all).toMatchObject({ customers: 1, completeCustomers: 1, percent: 100 });
    expect(detail!.stepsTotal - detail!.stepsDone - detail!.stepsSkipped).toBe(0);
    const matrix = await getMatrix(release.id, params);
    expect(matrix).toMatchObject({ totalCustomers: 1, archivedCustomers: 1, overall: { all: { completeCustomers: 1, customers: 1 } } });
    expect(matrix!.clusters.flatMap((k) => k.customers.map((c) => c.id))).toEqual([a.id]);
    const shown = await getMatrix(release.id, { ...params, archived: true });
    expect(shown!.clusters.flatMap((k) => k.customers.map((c) => [c.id, c.isActive]))).toEqual([
      [a.id, true],
      [b.id, false],
    ]);
    expect(shown!.overall.all.customers).toBe(1); // shown, still not counted

    // Its steps are still there, and read-only.
    const [bStep] = await stepsOf(release.id, b.id);
    expect(bStep.status).toBe("pending");
    const refused = await refusal(() => markStepDone({ stepId: bStep.id, version: bStep.version, notes: "" }, rm));
    expect(refused).toMatchObject({ code: "invalid_state", message: `${b.name} is archived: its steps are read-only until the customer is restored.` });

    const [archived] = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "customer.archive"), eq(auditLog.entityId, String(b.id))));
    expect(archived.summary).toMatch(/its 4 open steps in 1 release under way leave their counts$/);

    await restoreCustomer({ id: b.id }, admin);
    expect(await progress()).toMatchObject({ customers: 2, completeCustomers: 1, percent: 50 });
    await markStepDone({ stepId: bStep.id, version: bStep.version, notes: "" }, rm);
    const [restored] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "customer.restore"), eq(auditLog.entityId, String(b.id))))
      .orderBy(desc(auditLog.id));
    expect(restored.summary).toMatch(/its 4 open steps in 1 release under way count again/);
  });
});
