import { describe, expect, it } from "vitest";
import { markAllDone } from "@/lib/domain/steps/mutations/bulk";
import { addCustomStep } from "@/lib/domain/steps/mutations/custom";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { markStepDone, revertStep, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { getCustomerReleaseView, getStepDetail } from "@/lib/domain/steps/queries/steps";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, refusal, stepsOf } from "./steps-support";

withTestDatabase();

describe("Mark all done (FET-004)", () => {
  it("marks every pending and reverted step of one category done, with one note, leaving skipped and done alone", async () => {
    const rm = await createActor("release_manager", "Riley");
    const { release, a, b } = await activatedRelease();
    const [s0, s1, s2] = await stepsOf(release.id, a.id);
    const skipped = await skipStep({ stepId: s0.id, version: s0.version, reason: "n/a" }, rm);
    const done = await markStepDone({ stepId: s1.id, version: s1.version, notes: "first" }, rm);
    const reverted = await revertStep({ stepId: s1.id, version: done.version, reason: "" }, rm);
    const extra = await addCustomStep(
      { releaseId: release.id, customerId: a.id, name: "extra", category: "deploy", type: "bash", content: "", description: "", position: { where: "end" }, addToTemplate: false },
      rm,
    );

    const { marked } = await markAllDone({ releaseId: release.id, customerId: a.id, category: "deploy", notes: "rolled out together" }, rm);
    expect(marked).toBe(3); // s1 (reverted), s2, extra
    const rows = await stepsOf(release.id, a.id);
    expect(rows.map((r) => r.status)).toEqual(["skipped", "done", "done", "done"]);
    expect(rows.find((r) => r.id === s0.id)?.version).toBe(skipped.version);
    expect(rows.find((r) => r.id === s1.id)).toMatchObject({ version: reverted.version + 1, notes: "rolled out together", executedById: rm.id });
    for (const id of [s1.id, s2.id, extra.step.id]) {
      const last = (await eventsOf(id)).at(-1);
      expect(last).toMatchObject({ kind: "marked_done", actorId: rm.id, detail: { notes: "rolled out together", bulk: true } });
    }
    // Verify steps and the other customer are untouched.
    expect((await stepsOf(release.id, a.id, "verify")).every((r) => r.status === "pending")).toBe(true);
    expect((await stepsOf(release.id, b.id)).every((r) => r.status === "pending")).toBe(true);
    // Nothing left: a clear refusal, not a silent no-op.
    expect((await refusal(() => markAllDone({ releaseId: release.id, customerId: a.id, category: "deploy", notes: "" }, rm))).message).toMatch(/nothing to mark done/);
  });
});

describe("history (spec 5.7)", () => {
  it("starts with the derived creation entry and lists every change with who and when", async () => {
    const riley = await createActor("release_manager", "Riley Release");
    const sam = await createActor("release_manager", "Sam Shipper");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const o = await overrideStepContent({ stepId: step.id, version: step.version, content: "jenkins build app --a" }, riley);
    const d = await markStepDone({ stepId: step.id, version: o.version, notes: "build 7" }, sam);
    await revertStep({ stepId: step.id, version: d.version, reason: "bad build" }, riley);

    // As the side panel reads it (the customer view carries the same histories).
    const oldest = (await getStepDetail(step.id))!.history;
    expect(oldest.map((h) => [h.label, h.actorName, h.note])).toEqual([
      ["Created from template", null, null],
      ["Content overridden", "Riley Release", null],
      ["Marked as done", "Sam Shipper", "Notes: build 7"],
      ["Reverted", "Riley Release", "Reason: bad build"],
    ]);
    expect(Date.parse(oldest[0].at)).not.toBeNaN();
  });

  it("names the creator of a custom step, and the customer view carries histories and counts", async () => {
    const riley = await createActor("release_manager", "Rita Release");
    const { release, a } = await activatedRelease();
    const { step } = await addCustomStep(
      { releaseId: release.id, customerId: a.id, name: "extra", category: "verify", type: "text", content: "look", description: "", position: { where: "end" }, addToTemplate: false },
      riley,
    );
    const [first] = await stepsOf(release.id, a.id);
    await markStepDone({ stepId: first.id, version: first.version, notes: "" }, riley);
    const view = await getCustomerReleaseView(release.id, a.id);
    expect(view?.counts).toEqual({ deploy: { total: 3, done: 1, skipped: 0 }, verify: { total: 2, done: 0, skipped: 0 } });
    const custom = view?.verify.find((v) => v.step.id === step.id);
    expect(custom?.step.source).toBe("custom");
    expect(custom?.history).toEqual([expect.objectContaining({ label: "Added as custom step", actorName: "Rita Release" })]);
    expect(view?.deploy[0].step).toMatchObject({ status: "done", executedByName: "Rita Release" });
    expect(view?.deploy[0].html).toContain("<pre");
  });
});
