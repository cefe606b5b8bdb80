import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rowsOf, type DbOrTx } from "@/db/client";
import { addCounts, emptyCounts, progressOf, type Counts } from "@/lib/domain/progress/model/progress";
import { toDate } from "@/lib/domain/dashboard/queries/dashboard";
import type { CustomerReleaseHistoryItem, Membership, ReleaseRef } from "@/lib/domain/dashboard/types";

type Row = ReleaseRef &
  Counts & {
    membership: Membership | null;
    activatedAt: Date | string | null;
    archivedAt: Date | string | null;
    category: "deploy" | "verify" | null;
    lastClosedAt: Date | string | null;
  };

/**
 * Customer detail: every release the customer took part in (a membership row, or steps), newest
 * first, with its progress per category and, when complete, when the last step was closed — a
 * done step's `executed_at`, a skipped step's latest "skipped" event. One aggregate query.
 */
export async function customerReleaseHistory(customerId: number, db: DbOrTx = getDb()): Promise<CustomerReleaseHistoryItem[]> {
  const result = await db.execute(sql`
    select r.id, r.name, r.type, r.status, r.version_number as "versionNumber", r.release_date::text as "releaseDate",
           r.activated_at as "activatedAt", r.archived_at as "archivedAt", rc.membership,
           s.category,
           count(s.id)::int as "total",
           (count(s.id) filter (where s.status = 'done'))::int as "done",
           (count(s.id) filter (where s.status = 'skipped'))::int as "skipped",
           max(case when s.status = 'done' then s.executed_at
                    when s.status = 'skipped' then coalesce(sk.at, s.updated_at) end) as "lastClosedAt"
    from releases r
    left join release_customers rc on rc.release_id = r.id and rc.customer_id = ${customerId}
    left join customer_steps s on s.release_id = r.id and s.customer_id = ${customerId} and s.removed_at is null
    left join lateral (
      select max(e.created_at) as at from step_events e where e.customer_step_id = s.id and e.kind = 'skipped'
    ) sk on s.status = 'skipped'
    where rc.customer_id is not null or s.id is not null
    group by r.id, rc.membership, s.category
    order by r.activated_at desc nulls last, r.id desc
  `);

  const byRelease = new Map<number, { row: Row; deploy: Counts; verify: Counts; lastClosedAt: Date | null }>();
  for (const row of rowsOf<Row>(result)) {
    const entry = byRelease.get(row.id) ?? { row, deploy: emptyCounts(), verify: emptyCounts(), lastClosedAt: null };
    if (row.category) entry[row.category] = addCounts(entry[row.category], row);
    const closed = toDate(row.lastClosedAt);
    if (closed && (!entry.lastClosedAt || closed > entry.lastClosedAt)) entry.lastClosedAt = closed;
    byRelease.set(row.id, entry);
  }

  return [...byRelease.values()].map(({ row, deploy, verify, lastClosedAt }) => {
    const all = progressOf(addCounts(deploy, verify));
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      status: row.status,
      versionNumber: row.versionNumber,
      releaseDate: row.releaseDate,
      membership: row.membership,
      activatedAt: toDate(row.activatedAt),
      archivedAt: toDate(row.archivedAt),
      progress: { all, deploy: progressOf(deploy), verify: progressOf(verify) },
      completedAt: all.complete ? lastClosedAt : null,
    };
  });
}
