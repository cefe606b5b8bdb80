import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { stepTemplates } from "@/db/schema";
import { overrideStepContent, resetStepToTemplate } from "@/lib/domain/steps/mutations/content";
import { markStepDone, revertStep } from "@/lib/domain/steps/mutations/transitions";
import { getStepDetail } from "@/lib/domain/steps/queries/steps";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, refusal, stepRow, stepsOf } from "./steps-support";

withTestDatabase();

describe("override and reset to template (FCS-002, FCS-005, BR-S02)", () => {
  it("overrides one customer's copy, keeps the template link, and leaves the other customer alone", async () => {
    const rm = await createActor("release_manager");
    const { release, a, b, deploy } = await activatedRelease();
    const [, sql] = await stepsOf(release.id, a.id);
    const row = await overrideStepContent({ stepId: sql.id, version: sql.version, content: "-- for A\nALTER TABLE t ADD c int;" }, rm);
    expect(row).toMatchObject({ isOverridden: true, templateId: deploy[1].id, isCustom: false });
    const [, other] = await stepsOf(release.id, b.id);
    expect(other).toMatchObject({ isOverridden: false, content: deploy[1].content });
    const events = await eventsOf(sql.id);
    expect(events.map((e) => [e.kind, e.detail])).toEqual([["content_overridden", { previousContent: deploy[1].content, wasOverridden: false }]]);
  });

  it("View original: the template's current content and a line diff", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [, sql] = await stepsOf(release.id, a.id);
    await overrideStepContent({ stepId: sql.id, version: sql.version, content: "-- for A\nALTER TABLE t ADD c int;" }, rm);
    const detail = await getStepDetail(sql.id);
    expect(detail?.step.source).toBe("overridden");
    expect(detail?.template?.content).toBe("ALTER TABLE t ADD c int;");
    expect(detail?.template?.html).toContain("shiki");
    const added = detail?.template?.diff?.filter((p) => p.added).map((p) => p.value);
    expect(added).toEqual(["-- for A\n"]);
    expect(detail?.template?.diff?.filter((p) => !p.added && !p.removed).map((p) => p.value)).toEqual(["ALTER TABLE t ADD c int;\n"]);
    // A plain copy is not compared with its template: its text is not sent twice.
    const [plain] = await stepsOf(release.id, a.id);
    expect((await getStepDetail(plain.id))?.template).toMatchObject({ content: "", html: "", diff: null });
  });

  it("refuses content identical to the template's, or unchanged", async () => {
    const rm = await createActor("release_manager");
    const { release, a, deploy } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const same = await refusal(() => overrideStepContent({ stepId: step.id, version: step.version, content: deploy[0].content }, rm));
    expect(same).toMatchObject({ code: "invalid_input" });
    expect(same.fieldErrors?.content?.[0]).toMatch(/unchanged|template's content/);
    const o = await overrideStepContent({ stepId: step.id, version: step.version, content: "custom" }, rm);
    const back = await refusal(() => overrideStepContent({ stepId: step.id, version: o.version, content: deploy[0].content }, rm));
    expect(back.fieldErrors?.content?.[0]).toMatch(/Reset to template/);
    expect(await eventsOf(step.id)).toHaveLength(1);
  });

  it("reset restores the template's current content and name, and clears the override", async () => {
    const rm = await createActor("release_manager");
    const { release, a, deploy } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const o = await overrideStepContent({ stepId: step.id, version: step.version, content: "jenkins build app --customer A" }, rm);
    // The template changed since (its owner edited it): reset takes what it is now.
    await getDb().update(stepTemplates).set({ name: "Deploy via Jenkins v2", content: "jenkins build app --v2" }).where(eq(stepTemplates.id, deploy[0].id));
    const reset = await resetStepToTemplate({ stepId: step.id, version: o.version }, rm);
    expect(reset).toMatchObject({ isOverridden: false, name: "Deploy via Jenkins v2", content: "jenkins build app --v2" });
    expect((await eventsOf(step.id)).map((e) => e.kind)).toEqual(["content_overridden", "reset_to_template"]);
    expect((await refusal(() => resetStepToTemplate({ stepId: step.id, version: reset.version }, rm))).message).toMatch(/no override/);
  });

  it("BR-R03: a done step is locked — override and reset are refused until it is reverted", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const o = await overrideStepContent({ stepId: step.id, version: step.version, content: "v1" }, rm);
    const done = await markStepDone({ stepId: step.id, version: o.version, notes: "" }, rm);
    for (const attempt of [
      () => overrideStepContent({ stepId: step.id, version: done.version, content: "v2" }, rm),
      () => resetStepToTemplate({ stepId: step.id, version: done.version }, rm),
    ]) {
      expect(await refusal(attempt)).toMatchObject({ code: "invalid_state", message: expect.stringMatching(/content is locked. Revert it/) });
    }
    expect((await stepRow(step.id)).content).toBe("v1");
    const reverted = await revertStep({ stepId: step.id, version: done.version, reason: "" }, rm);
    expect((await overrideStepContent({ stepId: step.id, version: reverted.version, content: "v2" }, rm)).content).toBe("v2");
  });

  it("custom steps are edited, not overridden", async () => {
    const rm = await createActor("release_manager");
    const { addCustomStep } = await import("@/lib/domain/steps/mutations/custom");
    const { release, a } = await activatedRelease();
    const { step } = await addCustomStep(
      { releaseId: release.id, customerId: a.id, name: "Extra", category: "deploy", type: "bash", content: "x", description: "", position: { where: "end" }, addToTemplate: false },
      rm,
    );
    expect((await refusal(() => overrideStepContent({ stepId: step.id, version: step.version, content: "y" }, rm))).message).toMatch(/edit it instead/);
    expect((await refusal(() => resetStepToTemplate({ stepId: step.id, version: step.version }, rm))).message).toMatch(/no template/);
  });
});
