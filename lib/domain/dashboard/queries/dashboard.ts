import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { column, rawRows } from "@/db/raw";
// `clusters` names the dashboard's cards below.
import { clusters as clusterTable, customers, releases } from "@/db/schema";
import { stepCountsForActiveReleases, type ReleaseCountRow } from "@/lib/domain/progress/queries/step-counts";
import { averageOf, type ByCategory, type Progress } from "@/lib/domain/progress/model/progress";
import type { ActivityItem, ActivityKind, ActiveReleaseSummary, ClusterSummaryCard, ReleaseRef } from "@/lib/domain/dashboard/types";
import { activityNote, fanOutKinds } from "@/lib/domain/dashboard/model/activity";
import { openStepsByCluster, openStepsOf, pooledProgressByCustomer, progressByRelease, quickStatsOf } from "@/lib/domain/progress/model/aggregate";
import type { StepCategory } from "@/db/schema/vocabulary";

/** Active releases, the most recently activated first. */
export async function listActiveReleases(db: DbOrTx = getDb()): Promise<Array<ReleaseRef & { activatedAt: Date | null }>> {
  return db
    .select({
      id: releases.id,
      name: releases.name,
      type: releases.type,
      status: releases.status,
      versionNumber: releases.versionNumber,
      releaseDate: releases.releaseDate,
      activatedAt: releases.activatedAt,
    })
    .from(releases)
    .where(sql`${releases.status} = 'active'`)
    .orderBy(sql`${releases.activatedAt} desc nulls last`, desc(releases.id));
}

/**
 * Everything the dashboard shows (FV-001), with one step aggregate for all of it: active
 * releases' progress, quick stats and each cluster's open steps come from the same count rows.
 * (On the embedded engine queries run one at a time, so four scans of the steps were four times
 * the wait.)
 */
export async function getDashboard(activityLimit = 12, db: DbOrTx = getDb()) {
  const [list, rows, clusters, activity] = await Promise.all([
    listActiveReleases(db),
    stepCountsForActiveReleases({ db }),
    clusterList(db),
    recentActivity(activityLimit, db),
  ]);
  const open = openStepsByCluster(rows);
  return {
    releases: summariesOf(list, rows),
    stats: quickStatsOf(rows),
    clusters: clusters.map((k) => ({ ...k, openSteps: open.get(k.id) ?? 0 })),
    activity,
  };
}

/** FV-001 "Active releases": each with its overall and per-category progress and open steps. */
function summariesOf(list: Array<ReleaseRef & { activatedAt: Date | null }>, rows: ReleaseCountRow[]): ActiveReleaseSummary[] {
  const progress = progressByRelease(rows);
  const empty = averageOf([]);
  return list.map((r) => {
    const p = progress.get(r.id);
    return {
      ...r,
      progress: p?.overall ?? { all: empty, deploy: empty, verify: empty },
      openSteps: openStepsOf(rows.filter((row) => row.releaseId === r.id)),
    };
  });
}

/** Each customer's progress across every active release, pooled (customers sorted by progress). */
export async function activeProgressByCustomer(db: DbOrTx = getDb()): Promise<Map<number, ByCategory<Progress>>> {
  return pooledProgressByCustomer(await stepCountsForActiveReleases({ db }));
}

/** Clusters (not deleted) with region and active customer count, for the dashboard card. */
async function clusterList(db: DbOrTx): Promise<Array<Omit<ClusterSummaryCard, "openSteps">>> {
  const activeCustomers = db
    .select({ n: sql`count(*)` })
    .from(customers)
    .where(and(eq(customers.clusterId, clusterTable.id), sql`${customers.isActive}`));
  return db
    .select({
      id: clusterTable.id,
      name: clusterTable.name,
      isActive: clusterTable.isActive,
      region: sql<string | null>`nullif(${clusterTable.metadata}->>'region', '')`,
      customers: sql`${activeCustomers}`.mapWith(Number),
    })
    .from(clusterTable)
    .where(isNull(clusterTable.deletedAt))
    .orderBy(sql`lower(${clusterTable.name})`, clusterTable.id);
}

/** The columns of the activity statement (raw: a union of two limited branches). */
const activityColumns = {
  id: column.text("id"),
  seq: column.int("seq"),
  kind: column.of<ActivityKind>("kind"),
  at: column.timestamp("at"),
  actorName: column.textOrNull("actorName"),
  detail: column.json<Record<string, unknown> | null>("detail"),
  releaseId: column.int("releaseId"),
  releaseName: column.text("releaseName"),
  versionNumber: column.textOrNull("versionNumber"),
  customerId: column.int("customerId"),
  customerName: column.text("customerName"),
  namespace: column.text("namespace"),
  clusterId: column.int("clusterId"),
  clusterName: column.text("clusterName"),
  stepId: column.int("stepId"),
  stepName: column.text("stepName"),
  category: column.of<StepCategory>("category"),
  position: column.intOrNull("position"),
};

/**
 * FV-001 "Recent activity", newest first: step events (leaving out template edits, which fan out
 * to every customer) and custom steps being added (their creator is in the audit log). Each branch
 * is limited before the join so the query reads `limit` rows of history, not all of it.
 */
export async function recentActivity(limit = 12, db: DbOrTx = getDb()): Promise<ActivityItem[]> {
  const excluded = sql.join(
    fanOutKinds.map((k) => sql`${k}::step_event_kind`),
    sql`, `,
  );
  const rows = await rawRows(
    db,
    activityColumns,
    sql`
    select x.id, x.seq, x.kind, x.at, x.actor_name as "actorName", x.detail,
           r.id as "releaseId", r.name as "releaseName", r.version_number as "versionNumber",
           c.id as "customerId", c.name as "customerName", c.namespace,
           k.id as "clusterId", k.name as "clusterName",
           s.id as "stepId", s.name as "stepName", s.category,
           -- The template step's number, as the checklist and matrix show it (custom steps have none).
           case when t.deleted_at is null then t.order_index + 1 end as "position"
    from (
      (select 'e' || e.id as id, e.kind::text as kind, e.created_at as at, u.name as actor_name, e.detail, e.customer_step_id as step_id, e.id as seq
       from step_events e left join users u on u.id = e.actor_id
       where e.kind not in (${excluded})
       order by e.created_at desc, e.id desc limit ${limit})
      union all
      (select 'c' || s.id, 'custom_added', s.created_at, a.actor_name, null::jsonb, s.id, 0
       from customer_steps s
       left join audit_log a on a.entity_type = 'customer_step' and a.action = 'customer_step.add_custom' and a.entity_id = s.id::text
       where s.origin = 'custom'
       order by s.created_at desc, s.id desc limit ${limit})
    ) x
    join customer_steps s on s.id = x.step_id
    join releases r on r.id = s.release_id
    join customers c on c.id = s.customer_id
    join clusters k on k.id = c.cluster_id
    left join step_templates t on t.id = s.template_id
    order by x.at desc, x.seq desc, x.id desc
    limit ${limit}
  `,
    { orderBy: (r) => [desc(r.at), desc(r.seq), desc(r.id)] },
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.at,
    actorName: r.actorName,
    release: { id: r.releaseId, name: r.releaseName, versionNumber: r.versionNumber },
    customer: { id: r.customerId, name: r.customerName, namespace: r.namespace },
    cluster: { id: r.clusterId, name: r.clusterName },
    step: { id: r.stepId, name: r.stepName, category: r.category, position: r.position },
    note: activityNote(r.kind, r.detail),
  }));
}
