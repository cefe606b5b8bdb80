import { describe, expect, it } from "vitest";
import { getBurndown } from "@/lib/domain/releases/queries/burndown";
import { markStepDone, revertStep, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, stepsOf } from "./steps-support";

withTestDatabase();

describe("burndown from the step history", () => {
  it("steps left today follow done, skip and revert, by category and cluster", async () => {
    const rm = await createActor("release_manager");
    const { release, a, b, cluster } = await activatedRelease(); // 2 customers × (3 deploy + 1 verify)
    const before = await getBurndown({ id: release.id, releaseDate: null });
    expect(before.left).toBe(8);
    const [first, second] = await stepsOf(release.id, a.id);
    await markStepDone({ stepId: first.id, version: first.version, notes: "" }, rm);
    await skipStep({ stepId: second.id, version: second.version, reason: "not needed" }, rm);
    const [bFirst] = await stepsOf(release.id, b.id);
    const bDone = await markStepDone({ stepId: bFirst.id, version: bFirst.version, notes: "" }, rm);
    await revertStep({ stepId: bDone.id, version: bDone.version, reason: "" }, rm);
    const after = await getBurndown({ id: release.id, releaseDate: "2030-01-01" });
    expect(after.points.at(-1)).toMatchObject({ all: 6, deploy: 4, verify: 2 });
    expect(after.left).toBe(6);
    expect(after.clusters).toEqual([{ id: cluster.id, name: cluster.name, left: 6, perDay: expect.any(Number) }]);
    expect(after.targetDate).toBe("2030-01-01");
  });
});
