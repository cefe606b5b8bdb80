import { describe, expect, it } from "vitest";
import { addCustomStep, editCustomStep, removeCustomStep } from "@/lib/domain/steps/mutations/custom";
import { markStepDone } from "@/lib/domain/steps/mutations/transitions";
import type { AddCustomInput } from "@/lib/domain/steps/input";
import { getCustomerReleaseView } from "@/lib/domain/steps/queries/steps";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, refusal, stepRow, stepsOf } from "./steps-support";
import { include, makeCustomer } from "../support/factories";

withTestDatabase();

const custom = (releaseId: number, customerId: number, extra: Partial<AddCustomInput> = {}): AddCustomInput => ({
  needsReview: false,
  execution: "manual",
  releaseId,
  customerId,
  name: "Custom",
  category: "deploy",
  type: "bash",
  content: "echo custom",
  description: "",
  position: { where: "end" },
  addToTemplate: false,
  ...extra,
});

describe("custom steps (FCS-003, FCS-006, FCS-008, BR-S01)", () => {
  it("inserts before, after and at the end with decimal order indexes, for this customer only", async () => {
    const rm = await createActor("release_manager");
    const { release, a, b } = await activatedRelease();
    const [t0, t1, t2] = await stepsOf(release.id, a.id);
    const after0 = await addCustomStep(custom(release.id, a.id, { name: "after 0", position: { where: "after", anchorId: t0.id } }), rm);
    const before0 = await addCustomStep(custom(release.id, a.id, { name: "before 0", position: { where: "before", anchorId: t0.id } }), rm);
    const atEnd = await addCustomStep(custom(release.id, a.id, { name: "end" }), rm);
    const before2 = await addCustomStep(custom(release.id, a.id, { name: "before 2", position: { where: "before", anchorId: t2.id } }), rm);
    expect(after0.step).toMatchObject({ orderIndex: 0.5, isCustom: true, templateId: null, origin: "custom", status: "pending" });
    expect(before0.step.orderIndex).toBe(-0.5);
    expect(atEnd.step.orderIndex).toBe(2.5);
    expect(before2.step.orderIndex).toBe(1.5);
    const names = (await stepsOf(release.id, a.id)).map((s) => s.name);
    expect(names).toEqual(["before 0", t0.name, "after 0", t1.name, "before 2", t2.name, "end"]);
    expect(await stepsOf(release.id, b.id)).toHaveLength(3);
  });

  it("keeps strict order with no collisions across 50 inserts into the same gap (renumbering as needed)", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [t0, t1] = await stepsOf(release.id, a.id);
    for (let i = 1; i <= 50; i++) {
      await addCustomStep(custom(release.id, a.id, { name: `c${i}`, position: { where: "after", anchorId: t0.id } }), rm);
    }
    const rows = await stepsOf(release.id, a.id);
    expect(rows.map((r) => r.name)).toEqual([t0.name, ...Array.from({ length: 50 }, (_, i) => `c${50 - i}`), t1.name, rows.at(-1)!.name]);
    const indexes = rows.map((r) => r.orderIndex);
    expect(new Set(indexes).size).toBe(indexes.length);
    for (let i = 1; i < indexes.length; i++) expect(indexes[i]).toBeGreaterThan(indexes[i - 1]);
    // Template copies keep their integer order.
    expect(rows.filter((r) => !r.isCustom).map((r) => r.orderIndex)).toEqual([0, 1, 2]);
  });

  it("refuses a position anchored on another customer's or category's step", async () => {
    const rm = await createActor("release_manager");
    const { release, a, b } = await activatedRelease();
    const [other] = await stepsOf(release.id, b.id);
    const r = await refusal(() => addCustomStep(custom(release.id, a.id, { position: { where: "after", anchorId: other.id } }), rm));
    expect(r.fieldErrors?.position).toBeDefined();
  });

  it("refuses a customer that does not take part in the release", async () => {
    const rm = await createActor("release_manager");
    const { release, cluster } = await activatedRelease();
    const outsider = await makeCustomer(cluster.id);
    await include(release.id, [outsider.id], "excluded");
    expect((await refusal(() => addCustomStep(custom(release.id, outsider.id), rm))).message).toMatch(/does not take part/);
  });

  it("edits a custom step with an event; a done custom step is locked", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const { step } = await addCustomStep(custom(release.id, a.id), rm);
    const edited = await editCustomStep({ stepId: step.id, version: step.version, name: "Renamed", type: "sql", content: "select 1", description: "d" }, rm);
    expect(edited).toMatchObject({ name: "Renamed", type: "sql", content: "select 1", isCustom: true });
    expect((await eventsOf(step.id)).map((e) => e.kind)).toEqual(["custom_edited"]);
    const done = await markStepDone({ stepId: step.id, version: edited.version, notes: "" }, rm);
    const locked = await refusal(() => editCustomStep({ stepId: step.id, version: done.version, name: "X", type: "sql", content: "select 2", description: "" }, rm));
    expect(locked).toMatchObject({ code: "invalid_state", message: expect.stringMatching(/locked/) });
    expect((await refusal(() => removeCustomStep({ stepId: step.id, version: done.version }, rm))).message).toMatch(/locked/);
  });

  it("removes a custom step softly, keeping its history; template steps cannot be removed", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const { step } = await addCustomStep(custom(release.id, a.id), rm);
    await removeCustomStep({ stepId: step.id, version: step.version }, rm);
    expect((await stepRow(step.id)).removedAt).toBeInstanceOf(Date);
    expect((await stepsOf(release.id, a.id)).some((s) => s.id === step.id)).toBe(false);
    expect((await eventsOf(step.id)).map((e) => e.kind)).toEqual(["custom_removed"]);
    const view = await getCustomerReleaseView(release.id, a.id);
    expect(view?.deploy.some((v) => v.step.id === step.id)).toBe(false);

    const [templateStep] = await stepsOf(release.id, a.id);
    const r = await refusal(() => removeCustomStep({ stepId: templateStep.id, version: templateStep.version }, rm));
    expect(r).toMatchObject({ code: "invalid_state", message: expect.stringMatching(/can't be removed for one customer. Skip it/) });
  });

  it("Add to template gives every included customer the step at once (BR-S06)", async () => {
    const rm = await createActor("release_manager");
    const { release, a, b } = await activatedRelease();
    const result = await addCustomStep(custom(release.id, a.id, { name: "Flush CDN", addToTemplate: true }), rm);
    expect(result).toMatchObject({ addedToTemplate: true, customerStepsCreated: 2 });
    expect(result.step).toMatchObject({ customerId: a.id, isCustom: false, origin: "template_added", name: "Flush CDN" });
    expect(result.step.templateId).not.toBeNull();
    for (const c of [a, b]) {
      const names = (await stepsOf(release.id, c.id)).map((s) => s.name);
      expect(names.at(-1)).toBe("Flush CDN");
    }
    const view = await getCustomerReleaseView(release.id, b.id);
    expect(view?.deploy.at(-1)?.history[0]).toMatchObject({ kind: "created", label: "Added to template after activation" });
  });
});
