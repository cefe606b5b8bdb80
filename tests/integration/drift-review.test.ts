import { describe, expect, it } from "vitest";
import { createTemplateStep, updateTemplateStep } from "@/lib/domain/templates/mutations/templates";
import { keepOverride, overrideStepContent, resetStepToTemplate } from "@/lib/domain/steps/mutations/content";
import { recordReview } from "@/lib/domain/steps/mutations/review";
import { markAllDone } from "@/lib/domain/steps/mutations/bulk";
import { markStepDone } from "@/lib/domain/steps/mutations/transitions";
import { getStepDetail } from "@/lib/domain/steps/queries/steps";
import { getTemplateStep } from "@/lib/domain/templates/queries/templates";
import { getMatrix } from "@/lib/domain/matrix/queries/matrix";
import { CELL_DRIFT, CELL_NEEDS_VALUE } from "@/lib/domain/matrix/types";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, refusal, stepRow, stepsOf } from "./steps-support";

withTestDatabase();

const params = { category: "deploy" as const, workLeft: false, archived: false, open: "all" as const };
const cellOf = async (releaseId: number, stepId: number) =>
  (await getMatrix(releaseId, params))!.clusters.flatMap((k) => k.cells.flat()).find((c) => c?.[0] === stepId)!;

describe("drift: the template changed since a customer's override", () => {
  it("a template edit marks the override (matrix and panel, with the three texts); keep clears it, audited", async () => {
    const rm = await createActor("release_manager");
    const { release, a, deploy } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const o = await overrideStepContent({ stepId: step.id, version: step.version, content: "jenkins build app --customer A" }, rm);
    expect((await getStepDetail(step.id))?.drift).toBeNull();

    const t = deploy[0];
    await updateTemplateStep({ id: t.id, version: t.version, name: t.name, category: "deploy", type: "bash", content: "jenkins build app --fast", description: "" }, rm);
    const detail = (await getStepDetail(step.id))!;
    expect(detail.drift?.base).toBe("jenkins build app");
    expect(detail.drift?.templateChange.filter((p) => p.added).map((p) => p.value)).toEqual(["jenkins build app --fast\n"]);
    expect(detail.step.content).toBe("jenkins build app --customer A"); // the override itself is untouched
    expect((await cellOf(release.id, step.id))[2] & CELL_DRIFT).toBe(CELL_DRIFT);

    const kept = await keepOverride({ stepId: step.id, version: o.version }, rm);
    expect(kept.content).toBe("jenkins build app --customer A");
    expect((await getStepDetail(step.id))?.drift).toBeNull();
    expect((await cellOf(release.id, step.id))[2] & CELL_DRIFT).toBe(0);
    expect((await eventsOf(step.id)).map((e) => e.kind)).toEqual(["content_overridden", "override_kept"]);
    // Nothing to keep any more.
    expect(await refusal(() => keepOverride({ stepId: step.id, version: kept.version }, rm))).toMatchObject({ code: "invalid_state" });
    // A done step's content is locked: nothing to keep or take.
    const t2 = (await getTemplateStep(release.id, t.id))!;
    await updateTemplateStep({ ...t2, content: "jenkins build app --fast --again" }, rm);
    const done = await markStepDone({ stepId: step.id, version: kept.version, notes: "" }, rm);
    expect((await refusal(() => keepOverride({ stepId: step.id, version: done.version }, rm))).message).toMatch(/done/);
  });

  it("take the new template: the reset brings the current template and clears the marker", async () => {
    const rm = await createActor("release_manager");
    const { release, a, deploy } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const o = await overrideStepContent({ stepId: step.id, version: step.version, content: "mine" }, rm);
    const t = deploy[0];
    await updateTemplateStep({ id: t.id, version: t.version, name: t.name, category: "deploy", type: "bash", content: "theirs, newer", description: "" }, rm);
    const reset = await resetStepToTemplate({ stepId: step.id, version: o.version }, rm);
    expect(reset).toMatchObject({ content: "theirs, newer", isOverridden: false, overrideBase: null });
    expect((await getStepDetail(step.id))?.drift).toBeNull();
  });
});

describe("four eyes: a template step that needs review", () => {
  let n = 0;
  async function reviewed() {
    n++;
    const author = await createActor("release_manager", `Avery Author${n}`);
    const reviewer = await createActor("release_manager", `Rene Reviewer${n}`);
    const { release, a, b } = await activatedRelease();
    await createTemplateStep(
      { releaseId: release.id, name: "Drop old table", category: "deploy", type: "sql", content: "DROP TABLE {{ namespace }}_old;", description: "", needsReview: true },
      author,
    );
    const steps = await stepsOf(release.id, a.id);
    const step = steps.at(-1)!;
    return { author, reviewer, release, a, b, step };
  }

  it("refuses done before the review and the author's own review; a second person's review opens it", async () => {
    const { author, reviewer, step } = await reviewed();
    const early = await refusal(() => markStepDone({ stepId: step.id, version: step.version, notes: "" }, reviewer));
    expect(early).toMatchObject({ code: "invalid_state" });
    expect(early.message).toMatch(/needs a review before it can be marked done: someone other than Avery Author\d/);
    const self = await refusal(() => recordReview({ stepId: step.id, version: step.version }, author));
    expect(self.message).toMatch(/You last changed this content, so someone else must review it/);
    expect((await stepRow(step.id)).reviewedById).toBeNull();

    const r = await recordReview({ stepId: step.id, version: step.version }, reviewer);
    expect(r.reviewedById).toBe(reviewer.id);
    const detail = (await getStepDetail(step.id))!;
    expect(detail.review).toMatchObject({ reviewedByName: reviewer.name, authorName: author.name });
    // What was reviewed is kept, as it runs for this customer.
    const entry = detail.history.find((h) => h.kind === "reviewed");
    expect(entry?.ran).toMatchObject({ sameAsShown: true }); // the text shown now, which is…
    expect(detail.rendered.content).toBe(`DROP TABLE ${detail.customer.namespace}_old;`);
    // The author may mark it done once someone else reviewed it.
    await expect(markStepDone({ stepId: step.id, version: r.version, notes: "" }, author)).resolves.toMatchObject({ status: "done" });
  });

  it("a change of the values it renders with clears the review; the author may not lift the requirement", async () => {
    const { author, reviewer, release, a, step } = await reviewed();
    const r = await recordReview({ stepId: step.id, version: step.version }, reviewer);
    const { updateCustomer } = await import("@/lib/domain/customers/mutations/customers");
    const { getDb } = await import("@/db/client");
    const { customers } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const [c] = await getDb().select().from(customers).where(eq(customers.id, a.id));
    await updateCustomer({ id: c.id, clusterId: c.clusterId, name: c.name, namespace: `${c.namespace}-new`, description: c.description, metadata: c.metadata }, author);
    expect((await stepRow(step.id)).reviewedById).toBeNull();
    expect(r.reviewedById).toBe(reviewer.id);

    const templateId = (await getStepDetail(step.id))!.template!.id;
    const current = (await getTemplateStep(release.id, templateId))!;
    const lift = await refusal(() => updateTemplateStep({ ...current, needsReview: false }, author));
    expect(lift.fieldErrors?.needsReview?.[0]).toMatch(/someone else decides to lift its review/);
    await expect(updateTemplateStep({ ...current, needsReview: false }, reviewer)).resolves.toMatchObject({ version: current.version + 1 });
  });

  it("any change of the content clears the review; an override's author may not review it", async () => {
    const { author, reviewer, step } = await reviewed();
    const r = await recordReview({ stepId: step.id, version: step.version }, reviewer);
    const o = await overrideStepContent({ stepId: step.id, version: r.version, content: "DROP TABLE legacy_old;" }, reviewer);
    expect(o.reviewedById).toBeNull();
    // The override's author is now the one who may not review it; the template's author may.
    expect((await refusal(() => recordReview({ stepId: step.id, version: o.version }, reviewer))).message).toMatch(/someone else/);
    const again = await recordReview({ stepId: step.id, version: o.version }, author);
    expect(again.reviewedById).toBe(author.id);
  });

  it("a template edit clears the reviews of the copies it reaches; Mark all leaves unreviewed steps and says so", async () => {
    const { author, reviewer, release, a, b, step } = await reviewed();
    const r = await recordReview({ stepId: step.id, version: step.version }, reviewer);
    expect(r.reviewedById).toBe(reviewer.id);
    const templateId = (await getStepDetail(step.id))!.template!.id;
    const editor = await createActor("admin"); // a third person edits the template
    const current = (await getTemplateStep(release.id, templateId))!;
    await updateTemplateStep({ ...current, content: "DROP TABLE {{ namespace }}_older;" }, editor);
    expect((await stepRow(step.id)).reviewedById).toBeNull();

    const result = await markAllDone({ releaseId: release.id, customerId: b.id, category: "deploy", notes: "" }, author);
    expect(result).toMatchObject({ marked: 3, awaitingReview: 1 });
    const left = (await stepsOf(release.id, b.id)).filter((s) => s.status === "pending");
    expect(left.map((s) => s.name)).toEqual(["Drop old table"]);
    // A's copy was not touched by B's Mark all.
    expect((await stepsOf(release.id, a.id)).every((s) => s.status === "pending")).toBe(true);
  });
});

describe("needs a value, in the matrix", () => {
  it("marks the open cells of customers lacking a value, and not done ones", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    // No customer of the release has a region yet: the name is unknown, refused.
    const unknown = await refusal(() =>
      createTemplateStep({ releaseId: release.id, name: "Region", category: "deploy", type: "bash", content: "echo {{ customer.region }}", description: "" }, rm),
    );
    expect(unknown.fieldErrors?.content?.[0]).toMatch(/^Unknown variable \{\{ customer\.region \}\}/);
    const { getDb } = await import("@/db/client");
    const { customers } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await getDb().update(customers).set({ metadata: { region: "eu" } }).where(eq(customers.id, a.id));
    await createTemplateStep({ releaseId: release.id, name: "Region", category: "deploy", type: "bash", content: "echo {{ customer.region }}", description: "" }, rm);
    const matrix = (await getMatrix(release.id, params))!;
    const row = matrix.rows.findIndex((r) => r.name === "Region");
    const k = matrix.clusters[0];
    const flagsByCustomer = Object.fromEntries(k.customers.map((c, j) => [c.name, k.cells[k.rowIndexes.indexOf(row)][j]![2] & CELL_NEEDS_VALUE]));
    const other = k.customers.find((c) => c.id !== a.id)!;
    expect(flagsByCustomer).toEqual({ [k.customers.find((c) => c.id === a.id)!.name]: 0, [other.name]: CELL_NEEDS_VALUE });
  });
});
