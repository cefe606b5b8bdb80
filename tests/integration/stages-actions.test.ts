import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { withTestDatabase } from "../support/db";
import { stagedRelease, stepsOfCustomer } from "./stages-support";

/**
 * The gates hold without the UI: the server actions, called as raw endpoints with a signed-in
 * release manager, refuse a waiting stage's steps and a premature promotion, and break glass is
 * an admin's alone.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.actor, requireUser: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));

withTestDatabase();

beforeEach(() => {
  session.actor = null;
});

describe("stage gates through the raw server actions", () => {
  it("a production step, a promotion and break glass, each refused with the reason", async () => {
    const { markStepDoneAction, skipStepAction, markAllDoneAction } = await import("@/lib/domain/steps/actions");
    const { promoteStageAction, breakGlassAction, signOffAction } = await import("@/lib/domain/stages/actions");
    const { getPipeline } = await import("@/lib/domain/stages/queries/pipeline");
    const s = await stagedRelease();
    const [step] = await stepsOfCustomer(s.release.id, s.production.id);
    session.actor = s.rm;
    const done = await markStepDoneAction({ stepId: step.id, version: step.version, notes: "" });
    expect(done).toMatchObject({ ok: false, code: "invalid_state", message: expect.stringMatching(/is in production, which is not open yet: production opens after canary is complete/) });
    expect(await skipStepAction({ stepId: step.id, version: step.version, reason: "x" })).toMatchObject({ ok: false, code: "invalid_state" });
    expect(await markAllDoneAction({ releaseId: s.release.id, customerId: s.production.id, category: "deploy", notes: "" })).toMatchObject({ ok: false, code: "invalid_state" });

    const [, canary] = (await getPipeline(s.release.id)).stages;
    expect(await promoteStageAction({ releaseId: s.release.id, stageId: canary.id })).toMatchObject({ ok: false, code: "invalid_state", message: expect.stringMatching(/^canary cannot open yet: staging: 0 of \d+ customers? complete/) });
    expect(await breakGlassAction({ releaseId: s.release.id, stageId: canary.id, reason: "because" })).toMatchObject({ ok: false, code: "forbidden" });
    session.actor = s.admin;
    expect(await breakGlassAction({ releaseId: s.release.id, stageId: canary.id, reason: "" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { reason: [expect.stringMatching(/required/)] } });
    // A viewer outside the group cannot sign off, though viewers in it can.
    session.actor = s.sec;
    expect(await signOffAction({ releaseId: s.release.id, stageId: canary.id, groupId: s.QA.id, comment: "" })).toMatchObject({ ok: false, code: "forbidden" });
    session.actor = s.qa;
    expect(await signOffAction({ releaseId: s.release.id, stageId: canary.id, groupId: s.QA.id, comment: "ok" })).toMatchObject({ ok: true });
    expect((await stepsOfCustomer(s.release.id, s.production.id)).every((x) => x.status === "pending")).toBe(true);
  });
});
