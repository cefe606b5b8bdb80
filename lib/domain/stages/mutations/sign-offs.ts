import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { approverGroupMembers, approverGroups, releaseStages, signOffs } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { DomainError, invalidState, notFound } from "@/lib/domain/errors";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import type { SignOffInput, WithdrawSignOffInput } from "../input";

/** The stage, read under the release lock (promotion takes the same lock, so a sign-off never races it). */
async function lockedStage(tx: DbOrTx, releaseId: number, stageId: number) {
  const release = await lockRelease(tx, releaseId);
  const [stage] = await tx
    .select()
    .from(releaseStages)
    .where(and(eq(releaseStages.id, stageId), eq(releaseStages.releaseId, releaseId)));
  if (!stage) throw notFound("The stage");
  if (release.status !== "active") throw invalidState(`This release is ${release.status}: sign-offs are taken while it is active.`);
  return { release, stage };
}

/** A member of an approver group signs off entering a stage, for that group. Audited. */
export async function signOff(input: SignOffInput, actor: Actor, db = getDb()): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const { release, stage } = await lockedStage(tx, input.releaseId, input.stageId);
    if (stage.openedAt) throw invalidState(`${stage.name} is already open: sign-offs for it are closed.`);
    const [group] = await tx.select().from(approverGroups).where(eq(approverGroups.id, input.groupId));
    if (!group || !stage.requiredGroupIds.includes(group.id)) throw invalidState(`${stage.name} does not ask for a sign-off from ${group?.name ?? "that group"}.`);
    const [member] = await tx
      .select({ userId: approverGroupMembers.userId })
      .from(approverGroupMembers)
      .where(and(eq(approverGroupMembers.groupId, group.id), eq(approverGroupMembers.userId, actor.id)));
    if (!member) throw new DomainError("forbidden", `Only members of ${group.name} sign off for ${group.name}. An admin adds members on the Users page.`);
    const [row] = await tx
      .insert(signOffs)
      .values({ stageId: stage.id, groupId: group.id, userId: actor.id, comment: input.comment })
      .onConflictDoNothing()
      .returning({ id: signOffs.id });
    if (!row) throw invalidState(`You have already signed off ${stage.name} for ${group.name}.`);
    await recordAudit(tx, actor, {
      action: "release.sign_off",
      entityType: "release",
      entityId: release.id,
      summary: `Signed off ${stage.name} of "${release.name}" for ${group.name}${input.comment ? `: ${input.comment}` : ""}`,
      after: { stageId: stage.id, stage: stage.name, groupId: group.id, group: group.name, comment: input.comment },
    });
    return row;
  });
}

/** The signer takes a sign-off back, until the stage opens. Kept (withdrawn), and audited. */
export async function withdrawSignOff(input: WithdrawSignOffInput, actor: Actor, db = getDb()): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ signOff: signOffs, group: approverGroups.name })
      .from(signOffs)
      .innerJoin(approverGroups, eq(approverGroups.id, signOffs.groupId))
      .where(eq(signOffs.id, input.signOffId));
    if (!found) throw notFound("The sign-off");
    const { release, stage } = await lockedStage(tx, input.releaseId, found.signOff.stageId);
    if (found.signOff.userId !== actor.id) throw new DomainError("forbidden", "Only the person who signed off can withdraw it.");
    if (stage.openedAt) throw invalidState(`${stage.name} is open: its sign-offs stand as they were when it opened.`);
    const [row] = await tx
      .update(signOffs)
      .set({ withdrawnAt: sql`now()` })
      .where(and(eq(signOffs.id, found.signOff.id), isNull(signOffs.withdrawnAt)))
      .returning({ id: signOffs.id });
    if (!row) throw invalidState("This sign-off was already withdrawn.");
    await recordAudit(tx, actor, {
      action: "release.withdraw_sign_off",
      entityType: "release",
      entityId: release.id,
      summary: `Withdrew the ${found.group} sign-off for ${stage.name} of "${release.name}"`,
      before: { stageId: stage.id, stage: stage.name, group: found.group },
    });
    return row;
  });
}
