import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { releases } from "@/db/schema";
import { markStepDone, revertStep, skipStep, unskipStep } from "@/lib/domain/steps/mutations/transitions";
import { skipInput } from "@/lib/domain/steps/input";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, refusal, stepRow, stepsOf } from "./steps-support";

withTestDatabase();

describe("execution state machine", () => {
  it("pending → done records who, when and notes, with one event", async () => {
    const riley = await createActor("release_manager", "Riley");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const row = await markStepDone({ stepId: step.id, version: step.version, notes: "  build #42 " }, riley);
    expect(row).toMatchObject({ status: "done", executedById: riley.id, notes: "build #42", version: step.version + 1 });
    expect(row.executedAt).toBeInstanceOf(Date);
    const events = await eventsOf(step.id);
    expect(events.map((e) => [e.kind, e.actorId, e.detail])).toEqual([["marked_done", riley.id, { notes: "build #42", ran: step.content }]]);
  });

  it("done → reverted keeps the history, and a reverted step can be done again", async () => {
    const riley = await createActor("release_manager");
    const sam = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const done = await markStepDone({ stepId: step.id, version: step.version, notes: "" }, riley);
    const reverted = await revertStep({ stepId: step.id, version: done.version, reason: "wrong image" }, sam);
    expect(reverted).toMatchObject({ status: "reverted", executedAt: null, executedById: null });
    const again = await markStepDone({ stepId: step.id, version: reverted.version, notes: "redeployed" }, sam);
    expect(again.status).toBe("done");
    const events = await eventsOf(step.id);
    expect(events.map((e) => e.kind)).toEqual(["marked_done", "reverted", "marked_done"]);
    expect(events[1].detail).toMatchObject({ reason: "wrong image", executedById: riley.id });
  });

  it("pending → skipped needs a reason; skipped → pending (un-skip)", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    for (const reason of ["", "   "]) {
      const r = await refusal(() => skipStep({ stepId: step.id, version: step.version, reason }, rm));
      expect(r.code).toBe("invalid_input");
      expect(r.fieldErrors?.reason?.[0]).toMatch(/reason is required/);
    }
    // The form schema refuses it too, with the same field.
    expect(skipInput.safeParse({ stepId: step.id, version: 1, reason: "  " }).success).toBe(false);
    expect(await eventsOf(step.id)).toHaveLength(0);

    const skipped = await skipStep({ stepId: step.id, version: step.version, reason: "Not on this cluster" }, rm);
    expect(skipped).toMatchObject({ status: "skipped", skipReason: "Not on this cluster" });
    const back = await unskipStep({ stepId: step.id, version: skipped.version }, rm);
    expect(back).toMatchObject({ status: "pending", skipReason: null });
    const events = await eventsOf(step.id);
    expect(events.map((e) => [e.kind, e.detail])).toEqual([
      ["skipped", { reason: "Not on this cluster" }],
      ["unskipped", { previousReason: "Not on this cluster" }],
    ]);
  });

  it("reverted → skipped is allowed (the team may decide not to redo it)", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const done = await markStepDone({ stepId: step.id, version: step.version, notes: "" }, rm);
    const reverted = await revertStep({ stepId: step.id, version: done.version, reason: "" }, rm);
    expect((await skipStep({ stepId: step.id, version: reverted.version, reason: "rolled back for good" }, rm)).status).toBe("skipped");
  });

  it("refuses illegal transitions with the rule in words, writing nothing", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [s1, s2] = await stepsOf(release.id, a.id);
    // pending: cannot revert or un-skip
    expect(await refusal(() => revertStep({ stepId: s1.id, version: s1.version, reason: "" }, rm))).toMatchObject({
      code: "invalid_state",
      message: expect.stringMatching(/Only a done step can be reverted/),
    });
    expect((await refusal(() => unskipStep({ stepId: s1.id, version: s1.version }, rm))).message).toMatch(/not skipped/);
    // done: cannot skip or be done twice
    const done = await markStepDone({ stepId: s1.id, version: s1.version, notes: "" }, rm);
    expect((await refusal(() => skipStep({ stepId: s1.id, version: done.version, reason: "x" }, rm))).message).toMatch(/Revert it before skipping/);
    expect((await refusal(() => markStepDone({ stepId: s1.id, version: done.version, notes: "" }, rm))).message).toMatch(/already done/);
    // skipped: cannot be marked done without un-skipping
    const skipped = await skipStep({ stepId: s2.id, version: s2.version, reason: "n/a" }, rm);
    expect((await refusal(() => markStepDone({ stepId: s2.id, version: skipped.version, notes: "" }, rm))).message).toMatch(/Un-skip it/);
    expect((await stepRow(s1.id)).version).toBe(done.version);
    expect(await eventsOf(s1.id)).toHaveLength(1);
  });

  it("refuses changes to steps of an archived release", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    await getDb().update(releases).set({ status: "archived" }).where(eq(releases.id, release.id));
    expect(await refusal(() => markStepDone({ stepId: step.id, version: step.version, notes: "" }, rm))).toMatchObject({
      code: "invalid_state",
      message: expect.stringMatching(/archived/),
    });
  });

  it("a missing step is not found", async () => {
    const rm = await createActor("release_manager");
    expect((await refusal(() => markStepDone({ stepId: 999_999, version: 1, notes: "" }, rm))).code).toBe("not_found");
  });
});

describe("optimistic concurrency", () => {
  it("a stale version is a conflict naming who changed it and when; nothing is overwritten", async () => {
    const riley = await createActor("release_manager", "Riley Release");
    const sam = await createActor("release_manager", "Sam Shipper");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    await markStepDone({ stepId: step.id, version: step.version, notes: "riley did it" }, riley);
    // Sam still sees version 1 and tries to skip it.
    const r = await refusal(() => skipStep({ stepId: step.id, version: step.version, reason: "not needed" }, sam));
    expect(r.code).toBe("conflict");
    expect(r.message).toMatch(/^This step was changed by Riley Release just now\. Nothing was overwritten/);
    const now = await stepRow(step.id);
    expect(now).toMatchObject({ status: "done", notes: "riley did it", executedById: riley.id });
  });

  it("a double-click or retried submission creates no second event", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const submit = () => markStepDone({ stepId: step.id, version: step.version, notes: "once" }, rm);
    const results = await Promise.allSettled([submit(), submit()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const retry = await refusal(submit);
    expect(retry.code).toBe("conflict");
    expect(await eventsOf(step.id)).toHaveLength(1);
    expect((await stepRow(step.id)).version).toBe(step.version + 1);
  });
});
