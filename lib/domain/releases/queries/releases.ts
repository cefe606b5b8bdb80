import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db/client";
import type { ReleaseListFilter } from "@/lib/domain/releases/input";
import type { ClusterGroup, ReleaseCustomer, ReleaseDetail, ReleaseListItem } from "@/lib/domain/releases/types";

const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());

type ListRow = {
  id: number;
  name: string;
  type: ReleaseListItem["type"];
  status: ReleaseListItem["status"];
  version_number: string | null;
  release_date: string | null;
  scope: "all" | "selected";
  deploy_steps: number;
  verify_steps: number;
  customers: number;
  excluded: number;
  steps_total: number;
  steps_done: number;
  steps_skipped: number;
};

/**
 * One statement for the whole list: template counts, membership counts and step progress are
 * aggregated per release in CTEs (never a query per release).
 */
const listSql = (where: ReturnType<typeof sql>) => sql`
  with t as (
    select release_id, count(*) filter (where category = 'deploy')::int as deploy_steps,
           count(*) filter (where category = 'verify')::int as verify_steps
    from step_templates where deleted_at is null group by release_id
  ), m as (
    select release_id, count(*) filter (where membership = 'included')::int as customers,
           count(*) filter (where membership = 'excluded')::int as excluded
    from release_customers group by release_id
  ), p as (
    select s.release_id, count(*)::int as steps_total,
           count(*) filter (where s.status = 'done')::int as steps_done,
           count(*) filter (where s.status = 'skipped')::int as steps_skipped
    from customer_steps s join customers c on c.id = s.customer_id and c.is_active
    where s.removed_at is null group by s.release_id
  )
  select r.id, r.name, r.type, r.status, r.version_number, r.release_date::text as release_date, r.scope,
         coalesce(t.deploy_steps, 0) as deploy_steps, coalesce(t.verify_steps, 0) as verify_steps,
         coalesce(m.customers, 0) as customers, coalesce(m.excluded, 0) as excluded,
         coalesce(p.steps_total, 0) as steps_total, coalesce(p.steps_done, 0) as steps_done,
         coalesce(p.steps_skipped, 0) as steps_skipped
  from releases r
  left join t on t.release_id = r.id
  left join m on m.release_id = r.id
  left join p on p.release_id = r.id
  where ${where}
  order by case r.status when 'active' then 0 when 'draft' then 1 else 2 end,
           r.release_date desc nulls last, r.id desc
`;

const toItem = (r: ListRow): ReleaseListItem => ({
  id: r.id,
  name: r.name,
  type: r.type,
  status: r.status,
  versionNumber: r.version_number,
  releaseDate: r.release_date,
  scope: r.scope,
  deploySteps: r.deploy_steps,
  verifySteps: r.verify_steps,
  customers: r.customers,
  excluded: r.excluded,
  stepsTotal: r.steps_total,
  stepsDone: r.steps_done,
  stepsSkipped: r.steps_skipped,
});

export async function listReleases(filter: ReleaseListFilter = {}): Promise<ReleaseListItem[]> {
  const conditions = [sql`true`];
  if (filter.status) conditions.push(sql`r.status = ${filter.status}::release_status`);
  if (filter.type) conditions.push(sql`r.type = ${filter.type}::release_type`);
  const rows = rowsOf<ListRow>(await getDb().execute(listSql(sql.join(conditions, sql` and `))));
  return rows.map(toItem);
}

export async function getRelease(id: number): Promise<ReleaseDetail | null> {
  const db = getDb();
  const [row] = rowsOf<ListRow>(await db.execute(listSql(sql`r.id = ${id}`)));
  if (!row) return null;
  const [extra] = rowsOf<{
    description: string;
    metadata: Record<string, string>;
    cloned_from_id: number | null;
    cloned_from_name: string | null;
    created_by: string | null;
    activated_at: Date | string | null;
    archived_at: Date | string | null;
    created_at: Date | string;
    updated_at: Date | string;
  }>(
    await db.execute(sql`
      select r.description, r.metadata, r.cloned_from_id, src.name as cloned_from_name, u.name as created_by,
             r.activated_at, r.archived_at, r.created_at, r.updated_at
      from releases r
      left join releases src on src.id = r.cloned_from_id
      left join users u on u.id = r.created_by_id
      where r.id = ${id}
    `),
  );
  return {
    ...toItem(row),
    description: extra.description,
    metadata: typeof extra.metadata === "string" ? (JSON.parse(extra.metadata) as Record<string, string>) : (extra.metadata ?? {}),
    clonedFrom: extra.cloned_from_id && extra.cloned_from_name ? { id: extra.cloned_from_id, name: extra.cloned_from_name } : null,
    createdBy: extra.created_by,
    activatedAt: iso(extra.activated_at),
    archivedAt: iso(extra.archived_at),
    createdAt: iso(extra.created_at)!,
    updatedAt: iso(extra.updated_at)!,
  };
}

/**
 * Everyone relevant to a release, grouped by cluster (BR-C03, spec 8.1): its members (included
 * or excluded) and the active customers that are not part of it yet, with per-customer progress.
 */
export async function getReleaseCustomers(releaseId: number): Promise<ClusterGroup[]> {
  const rows = rowsOf<{
    id: number;
    name: string;
    namespace: string;
    is_active: boolean;
    cluster_id: number;
    cluster_name: string;
    cluster_active: boolean;
    membership: "included" | "excluded" | null;
    total: number;
    done: number;
    skipped: number;
  }>(
    await getDb().execute(sql`
      select c.id, c.name, c.namespace, c.is_active, k.id as cluster_id, k.name as cluster_name,
             (k.is_active and k.deleted_at is null) as cluster_active, rc.membership,
             coalesce(p.total, 0)::int as total, coalesce(p.done, 0)::int as done, coalesce(p.skipped, 0)::int as skipped
      from customers c
      join clusters k on k.id = c.cluster_id
      left join release_customers rc on rc.customer_id = c.id and rc.release_id = ${releaseId}
      left join (
        select customer_id, count(*) as total, count(*) filter (where status = 'done') as done,
               count(*) filter (where status = 'skipped') as skipped
        from customer_steps where release_id = ${releaseId} and removed_at is null group by customer_id
      ) p on p.customer_id = c.id
      where rc.release_id is not null or (c.is_active and k.is_active and k.deleted_at is null)
      order by lower(k.name), lower(c.name)
    `),
  );
  const groups = new Map<number, ClusterGroup>();
  for (const r of rows) {
    const customer: ReleaseCustomer = {
      id: r.id,
      name: r.name,
      namespace: r.namespace,
      isActive: r.is_active,
      clusterId: r.cluster_id,
      clusterName: r.cluster_name,
      clusterActive: r.cluster_active,
      membership: r.membership,
      total: r.total,
      done: r.done,
      skipped: r.skipped,
    };
    let group = groups.get(r.cluster_id);
    if (!group) groups.set(r.cluster_id, (group = { id: r.cluster_id, name: r.cluster_name, active: r.cluster_active, customers: [] }));
    group.customers.push(customer);
  }
  return [...groups.values()];
}
