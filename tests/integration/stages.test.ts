import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, customers, releases } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { createRelease } from "@/lib/domain/releases/mutations/releases";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { markAllDone } from "@/lib/domain/steps/mutations/bulk";
import { markStepDone, revertStep, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { promoteStage } from "@/lib/domain/stages/mutations/promote";
import { gateHolds } from "@/lib/domain/stages/model/gate";
import { signOff, withdrawSignOff } from "@/lib/domain/stages/mutations/sign-offs";
import { getPipeline } from "@/lib/domain/stages/queries/pipeline";
import { createApproverGroup, createTrack, setUserGroups } from "@/lib/domain/tracks/mutations/tracks";
import { createActor, withTestDatabase } from "../support/db";
import { makeCluster, makeCustomer, makeTemplate } from "../support/factories";
import { refusal } from "./steps-support";
import { stagedRelease, stepsOfCustomer } from "./stages-support";

withTestDatabase();

type Setup = Awaited<ReturnType<typeof stagedRelease>>;

/** Marks every step of the customers done (as rm), one by one. */
async function finish(s: Setup, ...customerIds: number[]) {
  for (const id of customerIds) for (const step of await stepsOfCustomer(s.release.id, id)) await markStepDone({ stepId: step.id, version: step.version, notes: "" }, s.rm);
}
const stageId = async (s: Setup, name: string) => (await getPipeline(s.release.id)).stages.find((x) => x.name === name)!.id;
const audits = async (releaseId: number, action: string) =>
  getDb().select().from(auditLog).where(and(eq(auditLog.entityType, "release"), eq(auditLog.entityId, String(releaseId)), eq(auditLog.action, action)));

describe("release stages: gates in the domain", () => {
  it("activation copies the track; the first stage opens, the others wait with the reason in words", async () => {
    const s = await stagedRelease();
    const pipeline = await getPipeline(s.release.id);
    expect(pipeline.stages.map((x) => [x.name, x.state, x.customers])).toEqual([
      ["staging", "open", 1],
      ["canary", "waiting", 1],
      ["production", "waiting", 1],
    ]);
    expect(pipeline.stages[1].waitingReason).toBe(`canary opens after staging is complete and ${s.QA.name.replace(/^/, "")} has signed off, and a release manager promotes it.`.replace(s.QA.name, s.QA.name));
    const [step] = await stepsOfCustomer(s.release.id, s.production.id);
    const refused = await refusal(() => markStepDone({ stepId: step.id, version: step.version, notes: "" }, s.rm));
    expect(refused.code).toBe("invalid_state");
    expect(refused.message).toBe(
      `${s.production.name} is in production, which is not open yet: production opens after canary is complete and ${s.QA.name} and ${s.Security.name} have signed off, and a release manager promotes it.`,
    );
    // Skip, revert and "mark all" are held by the same gate; nothing was written.
    expect((await refusal(() => skipStep({ stepId: step.id, version: step.version, reason: "n/a" }, s.rm))).message).toMatch(/not open yet/);
    expect((await refusal(() => revertStep({ stepId: step.id, version: step.version, reason: "" }, s.rm))).message).toMatch(/not open yet/);
    expect((await refusal(() => markAllDone({ releaseId: s.release.id, customerId: s.production.id, category: "deploy", notes: "" }, s.rm))).message).toMatch(/not open yet/);
    expect((await stepsOfCustomer(s.release.id, s.production.id)).every((x) => x.status === "pending" && x.version === 1)).toBe(true);
    // The open stage works as before.
    const [first] = await stepsOfCustomer(s.release.id, s.staging.id);
    expect((await markStepDone({ stepId: first.id, version: first.version, notes: "" }, s.rm)).status).toBe("done");
  });

  it("promotion needs the previous stage complete and every sign-off; it is audited and opens the stage", async () => {
    const s = await stagedRelease();
    const canary = await stageId(s, "canary");
    expect((await refusal(() => promoteStage({ releaseId: s.release.id, stageId: canary }, s.rm))).message).toBe(
      `canary cannot open yet: staging: 0 of 1 customer complete; ${s.QA.name} has not signed off.`,
    );
    await finish(s, s.staging.id);
    expect((await refusal(() => promoteStage({ releaseId: s.release.id, stageId: canary }, s.rm))).message).toBe(`canary cannot open yet: ${s.QA.name} has not signed off.`);
    await signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "regression suite green" }, s.qa);
    // A later stage cannot jump the queue.
    const production = await stageId(s, "production");
    expect((await refusal(() => promoteStage({ releaseId: s.release.id, stageId: production }, s.rm))).message).toBe("production cannot open before canary.");
    await promoteStage({ releaseId: s.release.id, stageId: canary }, s.rm);
    const pipeline = await getPipeline(s.release.id);
    expect(pipeline.stages.map((x) => x.state)).toEqual(["done", "open", "waiting"]);
    expect(pipeline.stages[1].groups[0].signOffs).toMatchObject([{ userName: s.qa.name, comment: "regression suite green" }]);
    await finish(s, s.canary.id);
    const [promoted] = await audits(s.release.id, "release.promote");
    expect(promoted.summary).toMatch(/to canary$/);
    expect((await audits(s.release.id, "release.sign_off")).length).toBe(1);
  });

  it("sign-offs: members only, required groups only, one per person; withdrawn until the stage opens", async () => {
    const s = await stagedRelease();
    const canary = await stageId(s, "canary");
    const outsider = await createActor("release_manager");
    expect(await refusal(() => signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "" }, outsider))).toMatchObject({ code: "forbidden" });
    expect((await refusal(() => signOff({ releaseId: s.release.id, stageId: canary, groupId: s.Security.id, comment: "" }, s.sec))).message).toMatch(/does not ask for a sign-off/);
    const mine = await signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "" }, s.qa);
    expect((await refusal(() => signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "" }, s.qa))).message).toMatch(/already signed off/);
    expect(await refusal(() => withdrawSignOff({ releaseId: s.release.id, signOffId: mine.id }, s.qa2))).toMatchObject({ code: "forbidden" });
    await withdrawSignOff({ releaseId: s.release.id, signOffId: mine.id }, s.qa);
    await finish(s, s.staging.id);
    // Withdrawn: the gate is missing QA again.
    expect((await refusal(() => promoteStage({ releaseId: s.release.id, stageId: canary }, s.rm))).message).toMatch(new RegExp(`${s.QA.name} has not signed off`));
    const again = await signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "" }, s.qa);
    await promoteStage({ releaseId: s.release.id, stageId: canary }, s.rm);
    expect((await refusal(() => withdrawSignOff({ releaseId: s.release.id, signOffId: again.id }, s.qa))).message).toMatch(/is open/);
    expect((await refusal(() => signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "" }, s.qa2))).message).toMatch(/already open/);
    expect((await audits(s.release.id, "release.withdraw_sign_off")).length).toBe(1);
  });

  it("segregation of duties: the promoter cannot be the only signer (unless the track allows it)", async () => {
    const s = await stagedRelease();
    await finish(s, s.staging.id);
    const canary = await stageId(s, "canary");
    await signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "" }, s.rm);
    expect((await refusal(() => promoteStage({ releaseId: s.release.id, stageId: canary }, s.rm))).message).toBe("canary cannot open yet: you are the only one who signed off: someone else signs off too, or another release manager promotes it.");
    await signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "" }, s.qa);
    await promoteStage({ releaseId: s.release.id, stageId: canary }, s.rm);

    const relaxed = await stagedRelease({ segregation: false });
    await finish(relaxed, relaxed.staging.id);
    const c2 = await stageId(relaxed, "canary");
    await signOff({ releaseId: relaxed.release.id, stageId: c2, groupId: relaxed.QA.id, comment: "" }, relaxed.rm);
    await promoteStage({ releaseId: relaxed.release.id, stageId: c2 }, relaxed.rm);
    expect((await getPipeline(relaxed.release.id)).stages[1].state).toBe("open");
  });

  it("soak time: the next stage waits until it has passed; break glass cuts it short, with a reason, audited", async () => {
    const s = await stagedRelease({ canarySoakHours: 24 });
    await finish(s, s.staging.id);
    const canary = await stageId(s, "canary");
    await signOff({ releaseId: s.release.id, stageId: canary, groupId: s.QA.id, comment: "" }, s.qa);
    await promoteStage({ releaseId: s.release.id, stageId: canary }, s.rm);
    await finish(s, s.canary.id);
    const production = await stageId(s, "production");
    await signOff({ releaseId: s.release.id, stageId: production, groupId: s.QA.id, comment: "" }, s.qa);
    await signOff({ releaseId: s.release.id, stageId: production, groupId: s.Security.id, comment: "" }, s.sec);
    const waiting = (await getPipeline(s.release.id)).stages[2];
    expect(waiting.gate?.soakEndsAt?.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect((await refusal(() => promoteStage({ releaseId: s.release.id, stageId: production }, s.rm))).message).toBe(
      `production cannot open yet: the 24 h soak after canary ends at ${waiting.gate!.soakEndsAt!.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    );
    // What the release page shows each person: the same holds, with the time drawn in their zone.
    expect(gateHolds(waiting, s.rm.id)).toEqual([{ kind: "soak", text: "the 24 h soak after canary ends", soakEndsAt: waiting.gate!.soakEndsAt }]);
    // A day later (the pipeline judged at another instant) the gate holds.
    const later = await getPipeline(s.release.id, getDb(), new Date(Date.now() + 25 * 3_600_000));
    expect(later.stages[2].gate?.ready).toBe(true);
    await promoteStage({ releaseId: s.release.id, stageId: production, reason: "Customer outage fix cannot wait a day" }, s.admin);
    const pipeline = await getPipeline(s.release.id);
    expect(pipeline.stages[2]).toMatchObject({ state: "open", breakGlassReason: "Customer outage fix cannot wait a day" });
    const [glass] = await audits(s.release.id, "release.break_glass");
    expect(glass.summary).toMatch(/Broke glass: opened production .* early: Customer outage fix cannot wait a day/);
    await finish(s, s.production.id);
    expect((await getPipeline(s.release.id)).stages.map((x) => x.state)).toEqual(["done", "done", "done"]);
  });

  it("break glass opens a stage whose gate is far from met", async () => {
    const s = await stagedRelease();
    const canary = await stageId(s, "canary");
    await promoteStage({ releaseId: s.release.id, stageId: canary, reason: "Staging cluster is down; canary customer asked for the fix" }, s.admin);
    const [step] = await stepsOfCustomer(s.release.id, s.canary.id);
    expect((await markStepDone({ stepId: step.id, version: step.version, notes: "" }, s.rm)).status).toBe("done");
  });

  it("a customer moved to another cluster mid-release is gated by the stage it is in now", async () => {
    const s = await stagedRelease();
    // production's customer moves to the staging cluster: staging is open, so its steps may change.
    await getDb().update(customers).set({ clusterId: s.stagingCluster.id }).where(eq(customers.id, s.production.id));
    const [step] = await stepsOfCustomer(s.release.id, s.production.id);
    expect((await markStepDone({ stepId: step.id, version: step.version, notes: "" }, s.rm)).status).toBe("done");
    // …and the staging customer, moved to prod, now waits with production.
    await getDb().update(customers).set({ clusterId: s.prod.id }).where(eq(customers.id, s.staging.id));
    const [moved] = await stepsOfCustomer(s.release.id, s.staging.id);
    expect((await refusal(() => markStepDone({ stepId: moved.id, version: moved.version, notes: "" }, s.rm))).message).toMatch(/is in production, which is not open yet/);
    expect((await getPipeline(s.release.id)).stages.map((x) => x.customers)).toEqual([1, 1, 1]);
  });

  it("hotfix track: a new hotfix starts on the hotfix track by default, with its own approvers", async () => {
    const admin = await createActor("admin");
    const rm = await createActor("release_manager");
    const ic = await createActor("viewer");
    const IC = await createApproverGroup({ name: `Incident commander ${Math.random().toString(36).slice(2, 6)}` }, admin);
    await setUserGroups({ userId: ic.id, groupIds: [IC.id] }, admin);
    const stagingCluster = await makeCluster();
    const prod = await makeCluster();
    const s1 = await makeCustomer(stagingCluster.id);
    const p1 = await makeCustomer(prod.id);
    const track = await createTrack(
      {
        name: `Hotfix ${Math.random().toString(36).slice(2, 6)}`,
        description: "",
        defaultFor: "hotfix",
        promoterMayNotBeOnlySigner: true,
        agentReviewWaived: false,
        stages: [
          { name: "staging", clusterIds: [stagingCluster.id], labelKey: "", labelValue: "", requiredGroupIds: [], soakHours: 0 },
          { name: "production", clusterIds: [], labelKey: "", labelValue: "", requiredGroupIds: [IC.id], soakHours: 0 },
        ],
      },
      admin,
    );
    const hotfix = await createRelease({ type: "hotfix", name: `hf-${Math.random().toString(36).slice(2, 6)}`, description: "", versionNumber: "", releaseDate: null, metadata: {}, track: "" }, rm);
    const [row] = await getDb().select({ trackId: releases.trackId }).from(releases).where(eq(releases.id, hotfix.id));
    expect(row.trackId).toBe(track.id);
    // A release of another type has no default here: no stages.
    const plain = await createRelease({ type: "onboarding", name: `ob-${Math.random().toString(36).slice(2, 6)}`, description: "", versionNumber: "", releaseDate: null, metadata: {}, track: "" }, rm);
    expect((await getDb().select({ trackId: releases.trackId }).from(releases).where(eq(releases.id, plain.id)))[0].trackId).toBeNull();

    await makeTemplate(hotfix.id, { name: "Patch" });
    await activateRelease({ id: hotfix.id, mode: "clusters", clusterIds: [stagingCluster.id, prod.id], customerIds: [] }, rm);
    const [sStep] = await stepsOfCustomer(hotfix.id, s1.id);
    await markStepDone({ stepId: sStep.id, version: sStep.version, notes: "" }, rm);
    const production = (await getPipeline(hotfix.id)).stages[1];
    expect(production.waitingReason).toBe(`production opens after ${IC.name} has signed off, and a release manager promotes it.`);
    await signOff({ releaseId: hotfix.id, stageId: production.id, groupId: IC.id, comment: "Go" }, ic);
    await promoteStage({ releaseId: hotfix.id, stageId: production.id }, rm);
    const [pStep] = await stepsOfCustomer(hotfix.id, p1.id);
    expect((await markStepDone({ stepId: pStep.id, version: pStep.version, notes: "" }, rm)).status).toBe("done");
  });

  it("a release without a track has no stages and no gates; the track is fixed once active", async () => {
    const s = await stagedRelease();
    const refused = await refusal(() =>
      import("@/lib/domain/releases/mutations/releases").then((m) =>
        m.updateRelease({ id: s.release.id, type: "release", name: s.release.name, description: "", versionNumber: "v1.0.0", releaseDate: null, metadata: {}, track: "none" }, s.rm),
      ),
    );
    expect(refused.fieldErrors?.track?.[0]).toMatch(/fixed once a release is active/);
    const none = await getPipeline(-1);
    expect(none.stages).toEqual([]);
    // The count of stages is as activated: a track edit later does not touch it.
    const [{ n }] = await getDb().execute(sql`select count(*)::int as n from release_stages where release_id = ${s.release.id}`).then((r) => (Array.isArray(r) ? r : (r as { rows: Array<{ n: number }> }).rows));
    expect(Number(n)).toBe(3);
  });
});

export type { Actor };
