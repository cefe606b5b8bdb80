import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";

export type AwaitingSignOff = { releaseId: number; releaseName: string; stageId: number; stageName: string; groups: string[] };

/**
 * Stages of active releases waiting for a sign-off this user can give: a required group they
 * belong to that nobody has signed off yet, and they have not signed for it. One statement.
 */
export async function awaitingMySignOff(userId: number, db: DbOrTx = getDb()): Promise<AwaitingSignOff[]> {
  const rows = executedRows(
    await db.execute(sql`
      select r.id as release_id, r.name as release_name, rs.id as stage_id, rs.name as stage_name, rs.position,
        array_agg(g.name order by g.name) as groups
      from release_stages rs
      join releases r on r.id = rs.release_id and r.status = 'active'
      join approver_groups g on g.id = any(rs.required_group_ids)
      join approver_group_members m on m.group_id = g.id and m.user_id = ${userId}
      where rs.opened_at is null
        and not exists (select 1 from sign_offs so where so.stage_id = rs.id and so.group_id = g.id and so.withdrawn_at is null)
      group by r.id, r.name, rs.id, rs.name, rs.position
      order by r.name, rs.position
    `),
  );
  return rows.map((r) => ({
    releaseId: Number(r.release_id),
    releaseName: String(r.release_name),
    stageId: Number(r.stage_id),
    stageName: String(r.stage_name),
    groups: (typeof r.groups === "string" ? String(r.groups).replace(/^\{|\}$/g, "").split(",").map((g) => g.replace(/^"|"$/g, "")) : (r.groups as string[])) ?? [],
  }));
}
