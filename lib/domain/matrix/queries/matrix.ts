import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rowsOf, type DbOrTx } from "@/db/client";
import { summarize, type Counts, type CountRow } from "@/lib/domain/progress/model/progress";
import { sqlList } from "@/lib/domain/templates/mutations/fanout";
import type { StepCategory, StepStatus, StepType } from "@/lib/domain/steps/types";
import { buildRows, cellMatches, customerMatches, type FlagCounts, type RowGroup } from "@/lib/domain/matrix/model/rows";
import {
  CELL_CUSTOM,
  CELL_OVERRIDDEN,
  type Cell,
  type Matrix,
  type MatrixCluster,
  type MatrixCustomer,
  type MatrixParams,
  type MatrixRelease,
  type RowClusterCounts,
} from "@/lib/domain/matrix/types";

/** Above this many customers shown, clusters start collapsed (expand one at a time). */
export const LARGE_RELEASE = 60;

export async function getMatrixRelease(releaseId: number, db: DbOrTx = getDb()): Promise<MatrixRelease | null> {
  const [row] = rowsOf<MatrixRelease>(
    await db.execute(sql`
      select id, name, type, status, version_number as "versionNumber", release_date::text as "releaseDate", description
      from releases where id = ${releaseId}
    `),
  );
  return row ?? null;
}

type CustomerRow = MatrixCustomer & { clusterId: number; clusterName: string };

/** Customers taking part in the release (membership "included"), by cluster then name. */
async function releaseCustomers(db: DbOrTx, releaseId: number): Promise<CustomerRow[]> {
  return rowsOf<CustomerRow>(
    await db.execute(sql`
      select c.id, c.name, c.namespace, c.is_active as "isActive", k.id as "clusterId", k.name as "clusterName"
      from release_customers rc
      join customers c on c.id = rc.customer_id
      join clusters k on k.id = c.cluster_id
      where rc.release_id = ${releaseId} and rc.membership = 'included'
      order by k.name, k.id, c.name, c.id
    `),
  );
}

/**
 * The one progress aggregate: per customer and category, the counts progress needs plus the
 * ones the filters need (reverted, overridden, custom). Removed steps are left out.
 */
async function customerCounts(db: DbOrTx, releaseId: number) {
  return rowsOf<{ customerId: number; category: StepCategory } & FlagCounts>(
    await db.execute(sql`
      select s.customer_id as "customerId", s.category,
             count(*)::int as total,
             (count(*) filter (where s.status = 'done'))::int as done,
             (count(*) filter (where s.status = 'skipped'))::int as skipped,
             (count(*) filter (where s.status = 'reverted'))::int as reverted,
             (count(*) filter (where s.is_overridden))::int as overridden,
             (count(*) filter (where s.is_custom))::int as custom
      from customer_steps s
      where s.release_id = ${releaseId} and s.removed_at is null
      group by s.customer_id, s.category
    `),
  );
}

/** Per row (template step, or custom steps by position and name) and cluster: counts for one category. */
async function rowGroups(db: DbOrTx, releaseId: number, category: StepCategory): Promise<RowGroup[]> {
  return rowsOf<RowGroup>(
    await db.execute(sql`
      select s.template_id as "templateId",
             case when s.is_custom then s.name end as "customName",
             case when s.is_custom then s.order_index end as "customOrder",
             min(s.type::text) as "type",
             c.cluster_id as "clusterId",
             count(*)::int as total,
             (count(*) filter (where s.status = 'done'))::int as done,
             (count(*) filter (where s.status = 'skipped'))::int as skipped,
             (count(*) filter (where s.is_overridden))::int as overridden
      from customer_steps s
      join release_customers rc on rc.release_id = s.release_id and rc.customer_id = s.customer_id and rc.membership = 'included'
      join customers c on c.id = s.customer_id
      where s.release_id = ${releaseId} and s.category = ${category} and s.removed_at is null
      group by 1, 2, 3, c.cluster_id
    `),
  );
}

async function templatesOf(db: DbOrTx, releaseId: number, category: StepCategory) {
  return rowsOf<{ id: number; name: string; type: StepType; orderIndex: number; deleted: boolean }>(
    await db.execute(sql`
      select id, name, type, order_index as "orderIndex", deleted_at is not null as deleted
      from step_templates where release_id = ${releaseId} and category = ${category}
      order by order_index, id
    `),
  );
}

type CellRow = { id: number; customerId: number; templateId: number | null; customName: string | null; customOrder: number | null; status: StepStatus; overridden: boolean; custom: boolean; version: number };

/** The grid query: only the columns a cell needs, only for the expanded clusters. */
async function cellsFor(db: DbOrTx, releaseId: number, category: StepCategory, clusterIds: number[]): Promise<CellRow[]> {
  if (clusterIds.length === 0) return [];
  const rows = rowsOf<CellRow>(
    await db.execute(sql`
      select s.id, s.customer_id as "customerId", s.template_id as "templateId",
             case when s.is_custom then s.name end as "customName",
             case when s.is_custom then s.order_index end as "customOrder",
             s.status, s.is_overridden as overridden, s.is_custom as custom, s.version
      from customer_steps s
      join customers c on c.id = s.customer_id
      where s.release_id = ${releaseId} and s.category = ${category} and s.removed_at is null
        and c.cluster_id in ${sqlList(clusterIds)}
    `),
  );
  // customer_steps.id is a bigint: the postgres driver hands it over as a string, PGlite as a number.
  for (const r of rows) r.id = Number(r.id);
  return rows;
}

export const rowKey = (r: { templateId: number | null; customName: string | null; customOrder: number | null }) =>
  r.templateId !== null ? `t${r.templateId}` : `c${Number(r.customOrder)}:${r.customName}`;

const zero = (): Counts => ({ total: 0, done: 0, skipped: 0 });

/**
 * The release matrix (FV-003, sketch 5.5) for one category: rows = steps, customers grouped by
 * cluster (BR-C03), filters from the URL. Five set-based queries whatever the size: release,
 * customers, one progress aggregate, one per-row × cluster aggregate, and the cells of the
 * expanded clusters only. Returns null when the release does not exist.
 */
export async function getMatrix(releaseId: number, params: MatrixParams, db: DbOrTx = getDb()): Promise<Matrix | null> {
  const release = await getMatrixRelease(releaseId, db);
  if (!release) return null;
  const [customers, countRows, groups, templates] = [
    await releaseCustomers(db, releaseId),
    await customerCounts(db, releaseId),
    await rowGroups(db, releaseId, params.category),
    await templatesOf(db, releaseId, params.category),
  ];

  const clusterOf = new Map(customers.map((c) => [c.id, c.clusterId]));
  const flags = new Map<string, FlagCounts>();
  const progressRows: CountRow[] = [];
  for (const r of countRows) {
    const clusterId = clusterOf.get(r.customerId);
    if (clusterId === undefined) continue; // excluded from the release
    flags.set(`${r.customerId}:${r.category}`, r);
    progressRows.push({ customerId: r.customerId, clusterId, category: r.category, total: r.total, done: r.done, skipped: r.skipped });
  }
  const summary = summarize(progressRows);
  const counts: Matrix["counts"] = {};
  for (const c of customers) {
    const of = (cat: StepCategory): Counts => {
      const f = flags.get(`${c.id}:${cat}`);
      return f ? { total: f.total, done: f.done, skipped: f.skipped } : zero();
    };
    counts[c.id] = { clusterId: c.clusterId, deploy: of("deploy"), verify: of("verify") };
  }

  // Clusters of the release, then the ones the cluster filter keeps.
  const byCluster = new Map<number, { id: number; name: string; customers: CustomerRow[] }>();
  for (const c of customers) {
    const entry = byCluster.get(c.clusterId) ?? { id: c.clusterId, name: c.clusterName, customers: [] };
    entry.customers.push(c);
    byCluster.set(c.clusterId, entry);
  }
  const clusterOptions = [...byCluster.values()].map((k) => ({ id: k.id, name: k.name, customers: k.customers.length }));
  const filtered = [...byCluster.values()].filter((k) => params.clusterId === undefined || k.id === params.clusterId);
  const shown = filtered
    .map((k) => ({ ...k, matching: k.customers.filter((c) => customerMatches(flags.get(`${c.id}:${params.category}`), params)) }))
    .filter((k) => k.matching.length > 0 || (!params.status && !params.workLeft));
  const shownCustomers = shown.reduce((n, k) => n + k.matching.length, 0);
  const large = shownCustomers > LARGE_RELEASE;
  const isOpen = (id: number) =>
    params.open === "all" ? true : params.open === "none" ? false : params.open === "default" ? !large : params.open.includes(id);

  const rows = buildRows(templates, groups, rowKey);
  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));

  const openIds = shown.filter((k) => isOpen(k.id)).map((k) => k.id);
  const cellRows = await cellsFor(db, releaseId, params.category, openIds);
  const cellsByCustomer = new Map<number, CellRow[]>();
  for (const r of cellRows) cellsByCustomer.set(r.customerId, [...(cellsByCustomer.get(r.customerId) ?? []), r]);

  const clusters: MatrixCluster[] = shown.map((k) => {
    const base = {
      id: k.id,
      name: k.name,
      customerCount: k.customers.length,
      matchCount: k.matching.length,
      progress: summary.clusters.get(k.id) ?? summarize([]).overall,
    };
    if (!isOpen(k.id)) return { ...base, open: false, customers: [], rowIndexes: [], cells: [] };
    const grid: Array<Array<Cell | null>> = rows.map(() => k.matching.map(() => null));
    k.matching.forEach((c, j) => {
      for (const r of cellsByCustomer.get(c.id) ?? []) {
        const i = rowIndex.get(rowKey(r));
        if (i === undefined) continue;
        grid[i][j] = [r.id, r.status, (r.overridden ? CELL_OVERRIDDEN : 0) | (r.custom ? CELL_CUSTOM : 0), r.version];
      }
    });
    const rowIndexes = rows
      .map((_, i) => i)
      .filter((i) => grid[i].some((cell) => cell !== null && (!params.status || cellMatches(cell, params.status))));
    return {
      ...base,
      open: true,
      customers: k.matching.map(({ id, name, namespace, isActive }) => ({ id, name, namespace, isActive })),
      rowIndexes,
      cells: rowIndexes.map((i) => grid[i]),
    };
  });

  let overview: RowClusterCounts[][] | null = null;
  if (large) {
    const col = new Map(clusters.map((k, j) => [k.id, j]));
    overview = rows.map(() => clusters.map(() => ({ total: 0, done: 0, skipped: 0, overridden: 0 })));
    for (const g of groups) {
      const i = rowIndex.get(rowKey(g));
      const j = col.get(g.clusterId);
      if (i === undefined || j === undefined) continue;
      overview[i][j] = { total: g.total, done: g.done, skipped: g.skipped, overridden: g.overridden };
    }
  }

  return {
    release,
    params,
    rows,
    clusters,
    clusterOptions,
    counts,
    overall: summary.overall,
    totalCustomers: customers.length,
    shownCustomers,
    large,
    overview,
  };
}
