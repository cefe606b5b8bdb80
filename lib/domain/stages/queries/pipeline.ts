import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { gateOf, waitingReason } from "@/lib/domain/stages/model/gate";
import type { Pipeline, StageGroupView, StageView } from "../types";
import { releaseStageIdOf } from "./stage-of";

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/**
 * Every included customer of the release with the stage it is in now (one statement). A customer
 * counts as complete when none of its steps is pending or reverted.
 */
export async function customerStages(releaseId: number, db: DbOrTx = getDb()): Promise<Array<{ customerId: number; stageId: number; complete: boolean }>> {
  const rows = executedRows(
    await db.execute(sql`
      select c.id as customer_id, ${releaseStageIdOf(sql`${releaseId}`, sql`c`)} as stage_id,
        not exists (select 1 from customer_steps s where s.release_id = ${releaseId} and s.customer_id = c.id
                    and s.removed_at is null and s.status in ('pending', 'reverted')) as complete
      from release_customers rc join customers c on c.id = rc.customer_id
      where rc.release_id = ${releaseId} and rc.membership = 'included' and c.is_active
    `),
  );
  return rows.filter((r) => r.stage_id !== null).map((r) => ({ customerId: Number(r.customer_id), stageId: Number(r.stage_id), complete: Boolean(r.complete) }));
}

/** A release's stages with their state, sign-offs and gate; empty when the release has no track. */
export async function getPipeline(releaseId: number, db: DbOrTx = getDb(), now = new Date()): Promise<Pipeline> {
  // Most releases have no stages: one small read answers for them.
  const rows = executedRows(
    await db.execute(sql`
      select rs.id, rs.position, rs.name, rs.label_key, rs.label_value, rs.soak_minutes, rs.opened_at, rs.break_glass_reason,
        rs.required_group_ids, rs.promoter_may_not_be_only_signer, u.name as opened_by,
        (select coalesce(string_agg(cl.name, ', ' order by cl.name), '') from clusters cl where cl.id = any(rs.cluster_ids)) as cluster_names,
        (select coalesce(jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name) order by g.name), '[]'::jsonb)
           from approver_groups g where g.id = any(rs.required_group_ids)) as groups
      from release_stages rs left join users u on u.id = rs.opened_by_id
      where rs.release_id = ${releaseId} order by rs.position
    `),
  );
  if (rows.length === 0) return { trackName: null, stages: [] };
  const [signOffRows, members, trackRows] = await Promise.all([
    db.execute(sql`
      select so.id, so.stage_id, so.group_id, so.user_id, coalesce(u.name, 'Former user') as user_name, so.comment, so.created_at
      from sign_offs so join release_stages rs on rs.id = so.stage_id left join users u on u.id = so.user_id
      where rs.release_id = ${releaseId} and so.withdrawn_at is null order by so.created_at
    `),
    customerStages(releaseId, db),
    db.execute(sql`select t.name from releases r join tracks t on t.id = r.track_id where r.id = ${releaseId}`),
  ]);
  // When each stage's last customer completed: its latest done or skip (only asked of complete stages).
  const completeStageIds = rows.map((r) => Number(r.id)).filter((id) => {
    const mine = members.filter((m) => m.stageId === id);
    return mine.length > 0 && mine.every((m) => m.complete);
  });
  const completedAt = new Map<number, Date>();
  if (completeStageIds.length) {
    const finished = executedRows(
      await db.execute(sql`
        select ${releaseStageIdOf(sql`${releaseId}`, sql`c`)} as stage_id, max(e.created_at) as at
        from step_events e join customers c on c.id = e.customer_id
        where e.release_id = ${releaseId} and e.kind in ('marked_done', 'skipped')
        group by 1
      `),
    );
    for (const f of finished) if (f.stage_id !== null && f.at) completedAt.set(Number(f.stage_id), new Date(f.at as string));
  }
  const signOffs = executedRows(signOffRows);
  const stages: StageView[] = rows.map((r) => {
    const id = Number(r.id);
    const mine = members.filter((m) => m.stageId === id);
    const groups = (r.groups as Array<{ id: number; name: string }>).map<StageGroupView>((g) => ({
      ...g,
      signOffs: signOffs
        .filter((s) => Number(s.stage_id) === id && Number(s.group_id) === g.id)
        .map((s) => ({ id: Number(s.id), groupId: g.id, userId: s.user_id === null ? null : Number(s.user_id), userName: String(s.user_name), comment: String(s.comment), at: new Date(s.created_at as string) })),
    }));
    const holds = [r.cluster_names ? `cluster ${r.cluster_names}` : "", r.label_key ? `label ${r.label_key}=${r.label_value}` : ""].filter(Boolean).join(" with ");
    const complete = mine.filter((m) => m.complete).length;
    const openedAt = date(r.opened_at);
    return {
      id,
      position: Number(r.position),
      name: String(r.name),
      holds,
      soakMinutes: Number(r.soak_minutes),
      openedAt,
      openedByName: (r.opened_by as string | null) ?? null,
      breakGlassReason: (r.break_glass_reason as string | null) ?? null,
      promoterMayNotBeOnlySigner: Boolean(r.promoter_may_not_be_only_signer),
      customers: mine.length,
      complete,
      completedAt: mine.length > 0 && complete === mine.length ? (completedAt.get(id) ?? openedAt) : null,
      groups,
      state: openedAt ? (complete === mine.length ? "done" : "open") : "waiting",
      gate: null,
      waitingReason: null,
    };
  });
  const last = stages.length - 1;
  if (!stages[last].holds) stages[last].holds = "every customer no other stage holds";
  else stages[last].holds += ", and every customer no other stage holds";
  const nextIndex = stages.findIndex((s) => !s.openedAt);
  stages.forEach((stage, i) => {
    if (stage.openedAt) return;
    const previous = i > 0 ? stages[i - 1] : null;
    stage.gate = gateOf(stage, previous, i === nextIndex, now);
    stage.waitingReason = waitingReason(stage, stage.gate, previous?.soakMinutes ?? 0);
  });
  return { trackName: (executedRows(trackRows)[0]?.name as string | undefined) ?? null, stages };
}
