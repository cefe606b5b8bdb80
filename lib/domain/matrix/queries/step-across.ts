import "server-only";
import { diffLines } from "diff";
import { sql } from "drizzle-orm";
import { getDb, rowsOf, type DbOrTx } from "@/db/client";
import { highlight } from "@/lib/highlight";
import type { StepCategory, StepStatus, StepType } from "@/lib/domain/steps/types";
import { getMatrixRelease } from "@/lib/domain/matrix/queries/matrix";
import type { AcrossCustomer, RowClusterCounts, StepAcross } from "@/lib/domain/matrix/types";

type Row = {
  customerId: number;
  customerName: string;
  namespace: string;
  isActive: boolean;
  clusterId: number;
  clusterName: string;
  stepId: number | null;
  status: StepStatus | null;
  isOverridden: boolean | null;
  version: number | null;
  content: string | null;
  executedAt: Date | string | null;
  executedByName: string | null;
  skipReason: string | null;
  notes: string | null;
  updatedAt: Date | string | null;
};

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** Line diff that ignores a missing final newline on one side (as the side panel's). */
function lineDiff(from: string, to: string) {
  const eol = (s: string) => (s === "" || s.endsWith("\n") ? s : `${s}\n`);
  return diffLines(eol(from), eol(to));
}

const add = (a: RowClusterCounts, s: StepStatus | null, overridden: boolean) => {
  if (s === null) return;
  a.total++;
  if (s === "done") a.done++;
  if (s === "skipped") a.skipped++;
  if (overridden) a.overridden++;
};

/**
 * Step across customers (FV-005): one template step's copy for every customer of the release,
 * grouped by cluster, with overridden copies' differences from the template. Two queries.
 */
export async function getStepAcross(releaseId: number, templateId: number, db: DbOrTx = getDb()): Promise<StepAcross | null> {
  const release = await getMatrixRelease(releaseId, db);
  if (!release) return null;
  const [template] = rowsOf<{ id: number; name: string; category: StepCategory; type: StepType; description: string; content: string; deleted: boolean; number: number }>(
    await db.execute(sql`
      select t.id, t.name, t.category, t.type, t.description, t.content, t.deleted_at is not null as deleted,
             (select count(*)::int from step_templates o
              where o.release_id = t.release_id and o.category = t.category and o.deleted_at is null and o.order_index < t.order_index) + 1 as number
      from step_templates t where t.id = ${templateId} and t.release_id = ${releaseId}
    `),
  );
  if (!template) return null;
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select c.id as "customerId", c.name as "customerName", c.namespace, c.is_active as "isActive",
             k.id as "clusterId", k.name as "clusterName",
             s.id as "stepId", s.status, s.is_overridden as "isOverridden", s.version,
             case when s.is_overridden then s.content end as content,
             s.executed_at as "executedAt", u.name as "executedByName", s.skip_reason as "skipReason", s.notes, s.updated_at as "updatedAt"
      from release_customers rc
      join customers c on c.id = rc.customer_id
      join clusters k on k.id = c.cluster_id
      left join customer_steps s on s.release_id = rc.release_id and s.customer_id = rc.customer_id
                                 and s.template_id = ${templateId} and s.removed_at is null
      left join users u on u.id = s.executed_by_id
      where rc.release_id = ${releaseId} and rc.membership = 'included'
      order by k.name, k.id, c.name, c.id
    `),
  );
  const total: RowClusterCounts = { total: 0, done: 0, skipped: 0, overridden: 0 };
  const clusters: StepAcross["clusters"] = [];
  for (const r of rows) {
    let group = clusters.at(-1);
    if (!group || group.id !== r.clusterId) {
      group = { id: r.clusterId, name: r.clusterName, customers: [], counts: { total: 0, done: 0, skipped: 0, overridden: 0 } };
      clusters.push(group);
    }
    const entry: AcrossCustomer = {
      customer: { id: r.customerId, name: r.customerName, namespace: r.namespace, isActive: r.isActive },
      step:
        r.stepId === null || r.status === null
          ? null
          : {
              // bigint ids arrive as strings from the postgres driver.
              id: Number(r.stepId),
              status: r.status,
              isOverridden: Boolean(r.isOverridden),
              version: r.version ?? 1,
              executedAt: iso(r.executedAt),
              executedByName: r.executedByName,
              skipReason: r.skipReason,
              notes: r.notes ?? "",
              updatedAt: iso(r.updatedAt) ?? "",
            },
      diff: r.isOverridden && r.content !== null ? lineDiff(template.content, r.content) : null,
    };
    group.customers.push(entry);
    add(group.counts, r.status, Boolean(r.isOverridden));
    add(total, r.status, Boolean(r.isOverridden));
  }
  const html = await highlight(template.content, template.type);
  return { release, template: { ...template, html }, clusters, counts: total };
}
