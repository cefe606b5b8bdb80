import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import type { StepChange } from "@/lib/domain/steps/actions";
import { applyStepPatch } from "@/lib/domain/steps/model/patch";
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
      const patched = { ...applyStepPatch(shown, change.patch!), removed: change.patch!.kind === "view" ? change.patch!.removed : shown.removed };
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
