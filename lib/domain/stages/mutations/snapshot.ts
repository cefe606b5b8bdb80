import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";

/**
 * At activation: the release's track is copied into its own stages (one INSERT … SELECT), so a
 * later edit of the track cannot move the gates of a release under way. The first stage opens
 * with the activation when it asks for no sign-off; otherwise it waits for its sign-offs and a
 * promotion like any other. Returns the stage names, first to last (none without a track).
 */
export async function copyTrackStages(tx: DbOrTx, releaseId: number, actor: Actor): Promise<{ stages: string[]; firstOpen: boolean }> {
  const rows = executedRows(
    await tx.execute(sql`
      insert into release_stages (release_id, position, name, cluster_ids, label_key, label_value, required_group_ids, soak_minutes, promoter_may_not_be_only_signer, opened_at, opened_by_id)
      select r.id, ts.position, ts.name, ts.cluster_ids, ts.label_key, ts.label_value, ts.required_group_ids, ts.soak_minutes, t.promoter_may_not_be_only_signer,
        case when ts.position = first.position and cardinality(ts.required_group_ids) = 0 then now() end,
        case when ts.position = first.position and cardinality(ts.required_group_ids) = 0 then ${actor.id}::integer end
      from releases r
      join tracks t on t.id = r.track_id
      join track_stages ts on ts.track_id = t.id
      cross join lateral (select min(position) as position from track_stages where track_id = t.id) first
      where r.id = ${releaseId}
      order by ts.position
      returning name, position, opened_at
    `),
  );
  // The track's word on agent steps' review travels with the release, like its stages.
  await tx.execute(sql`update releases r set agent_review_waived = t.agent_review_waived from tracks t where t.id = r.track_id and r.id = ${releaseId}`);
  rows.sort((a, b) => Number(a.position) - Number(b.position));
  return { stages: rows.map((r) => String(r.name)), firstOpen: rows[0]?.opened_at != null };
}
