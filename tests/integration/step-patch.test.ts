import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import type { StepChange } from "@/lib/domain/steps/actions";
import { applyDetailPatch, applyStepPatch } from "@/lib/domain/steps/model/patch";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers } from "@/db/schema";
import type { StepDetail, StepView } from "@/lib/domain/steps/types";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, stepsOf } from "./steps-support";

/**
 * A page that shows a step (panel, checklist, campaign) draws it after an action from the
 * action's answer alone. That answer is small (the changed fields and the new history entry for a
 * status change) and must leave the page exactly where a fresh read would: after every action
 * below, the previous view with the patch applied equals the step read again from the database.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.actor, requireUser: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));

withTestDatabase();

beforeEach(() => {
  session.actor = null;
});

const viewOf = (d: StepDetail): StepView & { removed: boolean } => ({
  step: d.step,
  html: d.html,
  rendered: d.rendered,
  template: d.template,
  history: d.history,
  drift: d.drift,
  review: d.review,
  lastRun: d.lastRun,
  removed: d.removed,
});

/** The answer's size without the step's own text (its content, highlighting and what ran). */
function overhead(change: StepChange): number {
  const patch = change.patch!;
  const own =
    patch.kind === "view"
      ? [
          patch.view.html,
          patch.view.step.content,
          patch.view.rendered.content,
          patch.view.rendered.html,
          patch.view.template?.content ?? "",
          patch.view.template?.html ?? "",
          ...(patch.view.template?.diff ?? []).map((d) => d.value),
          ...[...patch.added, ...Object.values(patch.ran).map((ran) => ({ ran }))].map((h) => h.ran?.content ?? ""),
        ]
      : patch.added.map((h) => h.ran?.content ?? "");
  return Buffer.byteLength(JSON.stringify(change)) - own.reduce((n, t) => n + Buffer.byteLength(JSON.stringify(t)), 0);
}

describe("a step action's answer patches the page's step", () => {
  it("status changes answer with the changed fields and new entries only; every patch equals a fresh read", async () => {
    const actions = await import("@/lib/domain/steps/actions");
    const { getStepDetail } = await import("@/lib/domain/steps/queries/steps");
    const riley = await createActor("release_manager", "Riley Patch");
    const sam = await createActor("release_manager", "Sam Patch");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    let shown = viewOf((await getStepDetail(step.id))!);

    const act = async (who: Actor, run: (version: number) => Promise<{ ok: boolean; data?: unknown }>, kind: "status" | "view") => {
      session.actor = who;
      const result = await run(shown.step.version);
      if (!result.ok) throw new Error(JSON.stringify(result));
      const change = result.data as StepChange;
      expect(change.patch?.kind).toBe(kind);
      // Never the release, customer or cluster again, never a page.
      expect(JSON.stringify(change)).not.toMatch(/"release"|"customer"|"cluster"/);
      expect(overhead(change)).toBeLessThan(2048);
      const patched = applyDetailPatch(shown, change.patch!);
      const fresh = viewOf((await getStepDetail(step.id))!);
      expect(patched).toEqual(fresh);
      shown = fresh;
      return change;
    };

    const from = "checklist" as const;
    const done = await act(riley, (version) => actions.markStepDoneAction({ stepId: step.id, version, notes: "build 7", from }), "status");
    if (done.patch?.kind !== "status") throw new Error("status patch expected");
    expect(done.patch.step).toMatchObject({ status: "done", executedByName: "Riley Patch", notes: "build 7" });
    expect(done.patch.added.map((h) => h.label)).toEqual(["Marked as done"]);
    // What ran is the content as shown: the page says so instead of holding the text twice.
    expect(shown.history.at(-1)?.ran).toMatchObject({ sameAsShown: true, content: "" });

    await act(sam, (version) => actions.addStepNoteAction({ stepId: step.id, version, text: "CI run", link: "https://ci.example/7", from }), "status");
    expect(shown.step.executedByName).toBe("Riley Patch"); // a note leaves who executed it
    await act(sam, (version) => actions.revertStepAction({ stepId: step.id, version, reason: "bad image", from }), "status");
    await act(riley, (version) => actions.skipStepAction({ stepId: step.id, version, reason: "Not on this cluster", from }), "status");
    await act(riley, (version) => actions.unskipStepAction({ stepId: step.id, version, from }), "status");
    // A content change answers with the step as shown again: its highlighting and history move.
    await act(riley, (version) => actions.overrideStepAction({ stepId: step.id, version, content: "jenkins build app --ns {{ namespace }}", from: "matrix" }), "view");
    await act(sam, (version) => actions.markStepDoneAction({ stepId: step.id, version, notes: "", from: "matrix" }), "status");
    expect(shown.step.status).toBe("done");
    expect(shown.history.at(-1)?.ran?.sameAsShown).toBe(true);
    expect((await eventsOf(step.id)).map((e) => e.kind)).toEqual(["marked_done", "notes_updated", "reverted", "skipped", "unskipped", "content_overridden", "marked_done"]);
  });

  it("a page that does not hold what a patch applies to reads the step again instead", async () => {
    const actions = await import("@/lib/domain/steps/actions");
    const { getStepDetail } = await import("@/lib/domain/steps/queries/steps");
    const riley = await createActor("release_manager", "Riley Stale");
    const sam = await createActor("release_manager", "Sam Stale");
    const { release, a } = await activatedRelease();
    const [first, second] = await stepsOf(release.id, a.id);
    session.actor = riley;
    await getDb().update(customers).set({ metadata: { region: "eu-west-1" } }).where(eq(customers.id, a.id));
    const override = await actions.overrideStepAction({ stepId: first.id, version: first.version, content: "deploy --region {{ customer.region }}", from: "matrix" });
    if (!override.ok) throw new Error(override.message);
    const drawn = viewOf((await getStepDetail(first.id))!);
    expect(drawn.rendered.content).toBe("deploy --region eu-west-1");

    // The value changes after the page was drawn: what ran is not the text the page shows.
    await getDb().update(customers).set({ metadata: { region: "us-east-1" } }).where(eq(customers.id, a.id));
    const done = await actions.markStepDoneAction({ stepId: first.id, version: drawn.step.version, notes: "", from: "matrix" });
    if (!done.ok) throw new Error(done.message);
    expect(applyStepPatch(drawn, done.data.patch!)).toBeNull();
    // Once read again (this change included), the same answer leaves the fresh page as it is.
    const fresh = viewOf((await getStepDetail(first.id))!);
    expect(fresh.history.at(-1)?.ran).toMatchObject({ sameAsShown: true });
    expect(fresh.rendered.content).toBe("deploy --region us-east-1");
    expect(applyStepPatch(fresh, done.data.patch!)).toBe(fresh);

    // An answer overtaken by a later change (someone else's, seen first by the page) does not undo it.
    const before = viewOf((await getStepDetail(second.id))!);
    const skipped = await actions.skipStepAction({ stepId: second.id, version: before.step.version, reason: "Not here", from: "checklist" });
    if (!skipped.ok) throw new Error(skipped.message);
    session.actor = sam;
    const unskipped = await actions.unskipStepAction({ stepId: second.id, version: skipped.data.version, from: "checklist" });
    if (!unskipped.ok) throw new Error(unskipped.message);
    const newer = viewOf((await getStepDetail(second.id))!);
    expect(applyStepPatch(newer, skipped.data.patch!)).toBe(newer);
    // A page two versions behind cannot take a patch for one step forward.
    expect(applyStepPatch(before, unskipped.data.patch!)).toBeNull();
  });

  it("a content change's answer keeps an entry written meanwhile by someone else", async () => {
    const { viewPatch } = await import("@/lib/domain/steps/model/patch");
    const { overrideStepContent } = await import("@/lib/domain/steps/mutations/content");
    const { markStepDone } = await import("@/lib/domain/steps/mutations/transitions");
    const { getStepDetail } = await import("@/lib/domain/steps/queries/steps");
    const riley = await createActor("release_manager", "Riley Race");
    const sam = await createActor("release_manager", "Sam Race");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const page = viewOf((await getStepDetail(step.id))!);
    const overridden = await overrideStepContent({ stepId: step.id, version: step.version, content: "jenkins build app --fast" }, riley);
    // Sam marks it done before Riley's answer re-reads the step.
    await markStepDone({ stepId: step.id, version: overridden.version, notes: "" }, sam);
    const reread = (await getStepDetail(step.id))!;
    const { removed, ...view } = viewOf(reread);
    const patch = viewPatch(view, removed, overridden.updatedAt.toISOString());
    expect(applyDetailPatch(page, patch)).toEqual(viewOf(reread));
    expect(applyDetailPatch(page, patch)!.history.map((h) => h.label)).toEqual(["Created from template", "Content overridden", "Marked as done"]);
  });

  it("a plain form post (no page to patch) answers the change alone", async () => {
    const actions = await import("@/lib/domain/steps/actions");
    const riley = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    session.actor = riley;
    const result = await actions.markStepDoneAction({ stepId: step.id, version: step.version, notes: "" });
    expect(result).toMatchObject({ ok: true, data: { id: step.id, status: "done", version: step.version + 1 } });
    expect(result.ok && result.data.patch).toBeUndefined();
  });
});
