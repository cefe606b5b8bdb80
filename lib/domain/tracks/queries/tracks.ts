import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { approverGroupMembers, approverGroups, trackStages, tracks, users } from "@/db/schema";
import { executedRows } from "@/db/typed-rows";
import { stageSelects } from "@/lib/domain/stages/queries/stage-of";
import type { ApproverGroup, Track, TrackOption, TrackPreview } from "../types";

export async function listTracks(db: DbOrTx = getDb()): Promise<Track[]> {
  const [rows, stages, uses] = await Promise.all([
    db.select().from(tracks).orderBy(asc(sql`lower(${tracks.name})`)),
    db.select().from(trackStages).orderBy(asc(trackStages.trackId), asc(trackStages.position)),
    db.execute(sql`select track_id, count(*)::int as n from releases where track_id is not null group by track_id`),
  ]);
  const used = new Map(executedRows(uses).map((u) => [Number(u.track_id), Number(u.n)]));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    defaultFor: t.defaultFor,
    promoterMayNotBeOnlySigner: t.promoterMayNotBeOnlySigner,
    agentReviewWaived: t.agentReviewWaived,
    releases: used.get(t.id) ?? 0,
    stages: stages
      .filter((s) => s.trackId === t.id)
      .map((s) => ({ id: s.id, position: s.position, name: s.name, clusterIds: s.clusterIds, labelKey: s.labelKey, labelValue: s.labelValue, requiredGroupIds: s.requiredGroupIds, soakMinutes: s.soakMinutes })),
  }));
}

export async function getTrack(id: number): Promise<Track | null> {
  return (await listTracks()).find((t) => t.id === id) ?? null;
}

/** For the release form's Track select. */
export async function listTrackOptions(): Promise<TrackOption[]> {
  return (await listTracks()).map((t) => ({ id: t.id, name: t.name, defaultFor: t.defaultFor, stageNames: t.stages.map((s) => s.name) }));
}

export async function listApproverGroups(db: DbOrTx = getDb()): Promise<ApproverGroup[]> {
  const [groups, members] = await Promise.all([
    db.select().from(approverGroups).orderBy(asc(sql`lower(${approverGroups.name})`)),
    db
      .select({ groupId: approverGroupMembers.groupId, userId: users.id, name: users.name })
      .from(approverGroupMembers)
      .innerJoin(users, eq(users.id, approverGroupMembers.userId))
      .orderBy(asc(users.name)),
  ]);
  return groups.map((g) => {
    const mine = members.filter((m) => m.groupId === g.id);
    return { id: g.id, name: g.name, memberIds: mine.map((m) => m.userId), memberNames: mine.map((m) => m.name) };
  });
}

/** Where activating now would put each active customer, by the track's stages (the rule the gates use). */
export async function trackPreview(trackId: number): Promise<TrackPreview | null> {
  const track = await getTrack(trackId);
  if (!track || track.stages.length === 0) return null;
  const groups = await listApproverGroups();
  const rows = executedRows(
    await getDb().execute(sql`
      select c.id, (select ts.position from track_stages ts where ts.track_id = ${trackId} and ${stageSelects(sql`ts`, sql`c`)} order by ts.position limit 1) as position
      from customers c join clusters cl on cl.id = c.cluster_id and cl.is_active and cl.deleted_at is null
      where c.is_active
    `),
  );
  const last = track.stages.length - 1;
  const placement: TrackPreview["placement"] = {};
  for (const r of rows) {
    const index = r.position === null ? -1 : track.stages.findIndex((s) => s.position === Number(r.position));
    placement[String(r.id)] = index < 0 ? { stage: last, selected: false } : { stage: index, selected: true };
  }
  return {
    trackName: track.name,
    stages: track.stages.map((s) => ({ name: s.name, requiredGroups: groups.filter((g) => s.requiredGroupIds.includes(g.id)).map((g) => g.name) })),
    placement,
  };
}

/** The approver groups a user belongs to (what they may sign off for). */
export async function groupIdsOf(userId: number, db: DbOrTx = getDb()): Promise<number[]> {
  const rows = await db.select({ groupId: approverGroupMembers.groupId }).from(approverGroupMembers).where(eq(approverGroupMembers.userId, userId));
  return rows.map((r) => r.groupId);
}
