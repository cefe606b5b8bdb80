import "server-only";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { approverGroupMembers, approverGroups, clusters, trackStages, tracks, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { DomainError, invalidField, invalidState, notFound, rethrowConstraint } from "@/lib/domain/errors";
import type { CreateTrackInput, UpdateTrackInput, UserGroupsInput } from "../input";

const duplicateTrack = (name: string) => ({ tracks_name_unique: invalidField("name", `A track named "${name}" already exists.`) });
const duplicateGroup = (name: string) => ({ approver_groups_name_unique: invalidField("name", `An approver group named "${name}" already exists.`) });

/** Stage clusters and groups are id arrays (no foreign keys): each is checked to exist here. */
async function assertReferences(tx: DbOrTx, input: CreateTrackInput): Promise<void> {
  const clusterIds = [...new Set(input.stages.flatMap((s) => s.clusterIds))];
  const groupIds = [...new Set(input.stages.flatMap((s) => s.requiredGroupIds))];
  const known = clusterIds.length ? await tx.select({ id: clusters.id }).from(clusters).where(and(inArray(clusters.id, clusterIds), isNull(clusters.deletedAt))) : [];
  const groups = groupIds.length ? await tx.select({ id: approverGroups.id }).from(approverGroups).where(inArray(approverGroups.id, groupIds)) : [];
  input.stages.forEach((s, i) => {
    if (s.clusterIds.some((id) => !known.some((k) => k.id === id))) throw invalidField(`stages.${i}.clusterIds`, "One of the clusters no longer exists. Reload the page.");
    if (s.requiredGroupIds.some((id) => !groups.some((g) => g.id === id))) throw invalidField(`stages.${i}.requiredGroupIds`, "One of the approver groups no longer exists. Reload the page.");
  });
}

async function writeStages(tx: DbOrTx, trackId: number, input: CreateTrackInput): Promise<void> {
  await tx.delete(trackStages).where(eq(trackStages.trackId, trackId));
  await tx.insert(trackStages).values(
    input.stages.map((s, i) => ({
      trackId,
      position: i + 1,
      name: s.name,
      clusterIds: s.clusterIds,
      labelKey: s.labelKey || null,
      labelValue: s.labelKey ? s.labelValue : null,
      requiredGroupIds: s.requiredGroupIds,
      soakMinutes: Math.round(s.soakHours * 60),
    })),
  );
}

/** One default track per release type: naming a new default takes it from the old one. */
async function claimDefault(tx: DbOrTx, input: CreateTrackInput, trackId: number) {
  if (input.defaultFor) {
    await tx.update(tracks).set({ defaultFor: null }).where(and(eq(tracks.defaultFor, input.defaultFor), ne(tracks.id, trackId)));
  }
}

const summaryOf = (input: CreateTrackInput) => ({
  name: input.name,
  defaultFor: input.defaultFor || null,
  promoterMayNotBeOnlySigner: input.promoterMayNotBeOnlySigner,
  agentReviewWaived: input.agentReviewWaived,
  stages: input.stages.map((s) => ({ ...s })),
});

export async function createTrack(input: CreateTrackInput, actor: Actor): Promise<{ id: number }> {
  try {
    return await getDb().transaction(async (tx) => {
      await assertReferences(tx, input);
      if (input.defaultFor) await tx.update(tracks).set({ defaultFor: null }).where(eq(tracks.defaultFor, input.defaultFor));
      const [row] = await tx
        .insert(tracks)
        .values({ name: input.name, description: input.description, defaultFor: input.defaultFor || null, promoterMayNotBeOnlySigner: input.promoterMayNotBeOnlySigner, agentReviewWaived: input.agentReviewWaived })
        .returning({ id: tracks.id });
      await writeStages(tx, row.id, input);
      await recordAudit(tx, actor, { action: "track.create", entityType: "track", entityId: row.id, summary: `Created track "${input.name}" (${input.stages.map((s) => s.name).join(" → ")})`, after: summaryOf(input) });
      return row;
    });
  } catch (error) {
    rethrowConstraint(error, duplicateTrack(input.name));
  }
}

/** Replaces the track's stages; releases already active keep the stages they were activated with. */
export async function updateTrack(input: UpdateTrackInput, actor: Actor): Promise<{ id: number }> {
  try {
    return await getDb().transaction(async (tx) => {
      const [before] = await tx.select().from(tracks).where(eq(tracks.id, input.id)).for("update");
      if (!before) throw notFound("The track");
      await assertReferences(tx, input);
      await claimDefault(tx, input, input.id);
      await tx
        .update(tracks)
        .set({ name: input.name, description: input.description, defaultFor: input.defaultFor || null, promoterMayNotBeOnlySigner: input.promoterMayNotBeOnlySigner, agentReviewWaived: input.agentReviewWaived, updatedAt: sql`now()` })
        .where(eq(tracks.id, input.id));
      await writeStages(tx, input.id, input);
      await recordAudit(tx, actor, { action: "track.update", entityType: "track", entityId: input.id, summary: `Edited track "${input.name}" (${input.stages.map((s) => s.name).join(" → ")})`, before: { name: before.name, defaultFor: before.defaultFor, agentReviewWaived: before.agentReviewWaived }, after: summaryOf(input) });
      return { id: input.id };
    });
  } catch (error) {
    rethrowConstraint(error, duplicateTrack(input.name));
  }
}

export async function deleteTrack(id: number, actor: Actor): Promise<{ id: number }> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx.delete(tracks).where(eq(tracks.id, id)).returning({ name: tracks.name });
    if (!row) throw notFound("The track");
    await recordAudit(tx, actor, { action: "track.delete", entityType: "track", entityId: id, summary: `Deleted track "${row.name}" (draft releases on it now have none)`, before: { name: row.name } });
    return { id };
  });
}

export async function createApproverGroup(input: { name: string }, actor: Actor): Promise<{ id: number; name: string }> {
  try {
    return await getDb().transaction(async (tx) => {
      const [row] = await tx.insert(approverGroups).values({ name: input.name }).returning({ id: approverGroups.id, name: approverGroups.name });
      await recordAudit(tx, actor, { action: "approver_group.create", entityType: "approver_group", entityId: row.id, summary: `Created approver group "${input.name}"` });
      return row;
    });
  } catch (error) {
    rethrowConstraint(error, duplicateGroup(input.name));
  }
}

export async function deleteApproverGroup(id: number, actor: Actor): Promise<{ id: number }> {
  return getDb().transaction(async (tx) => {
    const [group] = await tx.select().from(approverGroups).where(eq(approverGroups.id, id)).for("update");
    if (!group) throw notFound("The approver group");
    const [used] = executedRows(
      await tx.execute(sql`select 1 from track_stages where ${id} = any(required_group_ids) union all select 1 from release_stages where ${id} = any(required_group_ids) and opened_at is null limit 1`),
    );
    if (used) throw invalidState(`${group.name} is asked for by a track or a waiting stage. Take it out of those stages first.`);
    try {
      await tx.delete(approverGroups).where(eq(approverGroups.id, id));
    } catch (error) {
      rethrowConstraint(error, { sign_offs_group_id_approver_groups_id_fk: invalidState(`${group.name} has sign-offs on record, which the audit trail keeps: it cannot be deleted.`) });
    }
    await recordAudit(tx, actor, { action: "approver_group.delete", entityType: "approver_group", entityId: id, summary: `Deleted approver group "${group.name}"` });
    return { id };
  });
}

/** Sets the groups a user belongs to, as a whole; audited with before and after. */
export async function setUserGroups(input: UserGroupsInput, actor: Actor): Promise<{ userId: number; groupIds: number[] }> {
  return getDb().transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, input.userId));
    if (!user) throw notFound("The user");
    const all = await tx.select().from(approverGroups);
    if (input.groupIds.some((id) => !all.some((g) => g.id === id))) throw new DomainError("invalid_input", "One of the approver groups no longer exists. Reload the page.");
    const before = await tx.select({ groupId: approverGroupMembers.groupId }).from(approverGroupMembers).where(eq(approverGroupMembers.userId, user.id));
    await tx.delete(approverGroupMembers).where(eq(approverGroupMembers.userId, user.id));
    const groupIds = [...new Set(input.groupIds)];
    if (groupIds.length) await tx.insert(approverGroupMembers).values(groupIds.map((groupId) => ({ groupId, userId: user.id })));
    const names = (ids: number[]) => all.filter((g) => ids.includes(g.id)).map((g) => g.name);
    await recordAudit(tx, actor, {
      action: "user.approver_groups",
      entityType: "user",
      entityId: user.id,
      summary: `Approver groups of ${user.name}: ${names(groupIds).join(", ") || "none"}`,
      before: { groups: names(before.map((b) => b.groupId)) },
      after: { groups: names(groupIds) },
    });
    return { userId: user.id, groupIds };
  });
}
