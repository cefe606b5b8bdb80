import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customerSteps } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { createApproverGroup, createTrack, setUserGroups } from "@/lib/domain/tracks/mutations/tracks";
import { createActor } from "../support/db";
import { makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

let seq = 0;

/**
 * A release on a three-stage track, activated: staging (cluster) → canary (label wave=canary,
 * QA signs) → production (everyone else; QA and Security sign). People: qa (viewer, QA),
 * qa2 (viewer, QA), sec (viewer, Security), rm (release manager, in both groups), admin.
 */
export async function stagedRelease(options: { canarySoakHours?: number; segregation?: boolean } = {}) {
  seq++;
  const admin = await createActor("admin");
  const rm = await createActor("release_manager");
  const [qa, qa2, sec] = [await createActor("viewer"), await createActor("viewer"), await createActor("viewer")];
  const QA = await createApproverGroup({ name: `QA ${seq}-${Math.random().toString(36).slice(2, 6)}` }, admin);
  const Security = await createApproverGroup({ name: `Security ${seq}-${Math.random().toString(36).slice(2, 6)}` }, admin);
  for (const [who, groups] of [[qa, [QA.id]], [qa2, [QA.id]], [sec, [Security.id]], [rm, [QA.id, Security.id]]] as Array<[Actor, number[]]>) {
    await setUserGroups({ userId: who.id, groupIds: groups }, admin);
  }
  const stagingCluster = await makeCluster();
  const prod = await makeCluster();
  const staging = await makeCustomer(stagingCluster.id);
  const canary = await makeCustomer(prod.id, { metadata: { wave: "canary" } });
  const production = await makeCustomer(prod.id);
  const track = await createTrack(
    {
      name: `Track ${seq}-${Math.random().toString(36).slice(2, 6)}`,
      description: "",
      defaultFor: "",
      promoterMayNotBeOnlySigner: options.segregation ?? true,
      agentReviewWaived: false,
      stages: [
        { name: "staging", clusterIds: [stagingCluster.id], labelKey: "", labelValue: "", requiredGroupIds: [], soakHours: 0 },
        { name: "canary", clusterIds: [], labelKey: "wave", labelValue: "canary", requiredGroupIds: [QA.id], soakHours: options.canarySoakHours ?? 0 },
        { name: "production", clusterIds: [], labelKey: "", labelValue: "", requiredGroupIds: [QA.id, Security.id], soakHours: 0 },
      ],
    },
    admin,
  );
  const release = await makeRelease({ trackId: track.id });
  await makeTemplate(release.id, { name: "Deploy", orderIndex: 0 });
  await makeTemplate(release.id, { name: "Check", category: "verify", orderIndex: 0 });
  await activateRelease({ id: release.id, mode: "clusters", clusterIds: [stagingCluster.id, prod.id], customerIds: [] }, rm);
  return { admin, rm, qa, qa2, sec, QA, Security, stagingCluster, prod, staging, canary, production, track, release };
}

export async function stepsOfCustomer(releaseId: number, customerId: number) {
  return getDb()
    .select()
    .from(customerSteps)
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.customerId, customerId)))
    .orderBy(customerSteps.id);
}
