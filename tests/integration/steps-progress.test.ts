import { describe, expect, it } from "vitest";
import { stepCountsForActiveReleases } from "@/lib/domain/progress/queries/step-counts";
import { summarize } from "@/lib/domain/progress/model/progress";
import { addCustomStep, removeCustomStep } from "@/lib/domain/steps/mutations/custom";
import { markStepDone, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, stepsOf } from "./steps-support";

withTestDatabase();

describe("step counts + summarize (the one aggregate every progress figure comes from)", () => {
  it("counts done and skipped per customer and category, leaving removed custom steps out", async () => {
    const rm = await createActor("release_manager");
    const { release, a, b, cluster } = await activatedRelease();
    const [s0, s1] = await stepsOf(release.id, a.id);
    await markStepDone({ stepId: s0.id, version: s0.version, notes: "" }, rm);
    await skipStep({ stepId: s1.id, version: s1.version, reason: "n/a" }, rm);
    const { step } = await addCustomStep(
      { releaseId: release.id, customerId: b.id, name: "gone", category: "deploy", type: "bash", content: "", description: "", position: { where: "end" }, addToTemplate: false },
      rm,
    );
    await removeCustomStep({ stepId: step.id, version: step.version }, rm);

    const rows = (await stepCountsForActiveReleases({ customerIds: [a.id, b.id] })).filter((r) => r.releaseId === release.id);
    const s = summarize(rows);
    expect(s.customers.get(a.id)?.deploy).toMatchObject({ total: 3, done: 1, skipped: 1 });
    expect(s.customers.get(b.id)?.deploy).toMatchObject({ total: 3, done: 0, skipped: 0 });
    expect(s.customers.get(a.id)?.verify).toMatchObject({ total: 1, done: 0 });
    expect(s.clusters.get(cluster.id)?.deploy.percent).toBeCloseTo(100 / 6);
    expect((await stepCountsForActiveReleases({ customerIds: [b.id] })).filter((r) => r.releaseId === release.id)).toHaveLength(2);
  });
});
