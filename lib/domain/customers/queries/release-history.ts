import "server-only";
import { and, desc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { customerSteps, releaseCustomers, releases, stepEvents } from "@/db/schema";
import { addCounts, emptyCounts, progressOf, type Counts } from "@/lib/domain/progress/model/progress";
import type { CustomerReleaseHistoryItem } from "@/lib/domain/dashboard/types";

/**
 * Customer detail: every release the customer took part in (a membership row, or steps), newest
 * first, with its progress per category and, when complete, when the last step was closed — a
 * done step's `executed_at`, a skipped step's latest "skipped" event. One aggregate query.
 */
export async function customerReleaseHistory(customerId: number, db: DbOrTx = getDb()): Promise<CustomerReleaseHistoryItem[]> {
  const s = customerSteps;
  // A skipped step's latest "skipped" event.
  const sk = db
    .select({ at: sql`max(${stepEvents.createdAt})`.as("skipped_at") })
    .from(stepEvents)
    .where(and(eq(stepEvents.customerStepId, s.id), sql`${stepEvents.kind} = 'skipped'`))
    .as("sk");
  const rows = await db
    .select({
      id: releases.id,
      name: releases.name,
      type: releases.type,
      status: releases.status,
      versionNumber: releases.versionNumber,
      releaseDate: releases.releaseDate,
      activatedAt: releases.activatedAt,
      archivedAt: releases.archivedAt,
      membership: releaseCustomers.membership,
      category: s.category,
      total: sql<number>`count(${s.id})`.mapWith(Number),
      done: sql<number>`count(${s.id}) filter (where ${s.status} = 'done')`.mapWith(Number),
      skipped: sql<number>`count(${s.id}) filter (where ${s.status} = 'skipped')`.mapWith(Number),
      lastClosedAt: sql`max(case when ${s.status} = 'done' then ${s.executedAt}
                                 when ${s.status} = 'skipped' then coalesce(${sk.at}, ${s.updatedAt}) end)`.mapWith(
        (v: Date | string): Date | null => new Date(v), // null (never decoded) when nothing was closed
      ),
    })
    .from(releases)
    .leftJoin(releaseCustomers, and(eq(releaseCustomers.releaseId, releases.id), eq(releaseCustomers.customerId, customerId)))
    .leftJoin(s, and(eq(s.releaseId, releases.id), eq(s.customerId, customerId), isNull(s.removedAt)))
    .leftJoinLateral(sk, sql`${s.status} = 'skipped'`)
    .where(or(isNotNull(releaseCustomers.customerId), isNotNull(s.id)))
    .groupBy(releases.id, releaseCustomers.membership, s.category)
    .orderBy(sql`${releases.activatedAt} desc nulls last`, desc(releases.id));

  const byRelease = new Map<number, { row: (typeof rows)[number]; deploy: Counts; verify: Counts; lastClosedAt: Date | null }>();
  for (const row of rows) {
    const entry = byRelease.get(row.id) ?? { row, deploy: emptyCounts(), verify: emptyCounts(), lastClosedAt: null };
    if (row.category) entry[row.category] = addCounts(entry[row.category], row);
    const closed = row.lastClosedAt;
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
      activatedAt: row.activatedAt,
      archivedAt: row.archivedAt,
      progress: { all, deploy: progressOf(deploy), verify: progressOf(verify) },
      completedAt: all.complete ? lastClosedAt : null,
    };
  });
}
