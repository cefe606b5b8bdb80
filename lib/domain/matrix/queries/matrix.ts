import "server-only";
import { getPipeline } from "@/lib/domain/stages/queries/pipeline";
import { releaseStageIdOf } from "@/lib/domain/stages/queries/stage-of";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
// Aliased: `customers`, `clusters` and `releaseCustomers` name this module's own values.
import { clusters as clusterTable, customerSteps, customers as customerTable, releaseCustomers as membershipTable, releases, stepTemplates } from "@/db/schema";
import { summarize, type Counts, type CountRow } from "@/lib/domain/progress/model/progress";
import { sqlList } from "@/lib/domain/templates/mutations/fanout";
import { stepsNeedingValues, stepsWithDrift } from "./needs-values";
import { stepsDriftedInRepository } from "@/lib/domain/manifests/queries/publishes";
import { buildRows, cellMatches, customerMatches, type FlagCounts, type RowGroup } from "@/lib/domain/matrix/model/rows";
import {
  CELL_CUSTOM,
  CELL_DRIFT,
  CELL_REPO_DRIFT,
  CELL_NEEDS_VALUE,
  CELL_OVERRIDDEN,
  type Cell,
  type Matrix,
  type MatrixCluster, type MatrixStage,
  type MatrixCustomer,
  type MatrixParams,
  type MatrixRelease,
  type RowClusterCounts,
  type CellStatus,
} from "@/lib/domain/matrix/types";
import type { StepCategory, StepType } from "@/db/schema/vocabulary";

/** Above this many customers shown, clusters start collapsed (expand one at a time). */
export const LARGE_RELEASE = 60;

export async function getMatrixRelease(releaseId: number, db: DbOrTx = getDb()): Promise<MatrixRelease | null> {
  const [row] = await db
    .select({
      id: releases.id,
      name: releases.name,
      type: releases.type,
      status: releases.status,
      versionNumber: releases.versionNumber,
      releaseDate: releases.releaseDate,
      description: releases.description,
    })
    .from(releases)
    .where(eq(releases.id, releaseId));
  return row ?? null;
}

type CustomerRow = MatrixCustomer & { clusterId: number; clusterName: string; stageId: number | null };

/** `count(*)`, optionally of the rows matching `where`, as a number. */
const countOf = (where?: SQL) =>
  (where ? sql<number>`count(*) filter (where ${where})` : sql<number>`count(*)`).mapWith(Number);

/** Custom steps are grouped into rows by position and name; template copies by template. */
const customName = sql<string | null>`case when ${customerSteps.isCustom} then ${customerSteps.name} end`;
// (Decoders only ever see non-null values: a template copy's null customOrder stays null.)
const customOrder = sql`case when ${customerSteps.isCustom} then ${customerSteps.orderIndex} end`.mapWith((v): number | null => Number(v));

/** Customers taking part in the release (membership "included"), by cluster then name. */
async function releaseCustomers(db: DbOrTx, releaseId: number): Promise<CustomerRow[]> {
  return db
    .select({
      id: customerTable.id,
      name: customerTable.name,
      namespace: customerTable.namespace,
      isActive: customerTable.isActive,
      clusterId: clusterTable.id,
      clusterName: clusterTable.name,
      // The stage each customer is in now (null without stages): one small lookup per customer.
      stageId: sql<number | null>`${releaseStageIdOf(sql`${releaseId}`, sql`${customerTable}`)}`.mapWith((v): number | null => (v === null ? null : Number(v))),
    })
    .from(membershipTable)
    .innerJoin(customerTable, eq(customerTable.id, membershipTable.customerId))
    .innerJoin(clusterTable, eq(clusterTable.id, customerTable.clusterId))
    .where(and(eq(membershipTable.releaseId, releaseId), sql`${membershipTable.membership} = 'included'`))
    .orderBy(clusterTable.name, clusterTable.id, customerTable.name, customerTable.id);
}

/**
 * The one progress aggregate: per customer and category, the counts progress needs plus the
 * ones the filters need (reverted, overridden, custom). Removed steps are left out.
 */
async function customerCounts(db: DbOrTx, releaseId: number): Promise<Array<{ customerId: number; category: StepCategory } & FlagCounts>> {
  return db
    .select({
      customerId: customerSteps.customerId,
      category: customerSteps.category,
      total: countOf(),
      done: countOf(sql`${customerSteps.status} = 'done'`),
      skipped: countOf(sql`${customerSteps.status} = 'skipped'`),
      reverted: countOf(sql`${customerSteps.status} = 'reverted'`),
      overridden: countOf(sql`${customerSteps.isOverridden}`),
      custom: countOf(sql`${customerSteps.isCustom}`),
      running: countOf(sql`${customerSteps.runState} in ('queued', 'running')`),
      failed: countOf(sql`${customerSteps.runState} = 'failed'`),
      unknown: countOf(sql`${customerSteps.runState} = 'unknown'`),
    })
    .from(customerSteps)
    .where(and(eq(customerSteps.releaseId, releaseId), isNull(customerSteps.removedAt)))
    .groupBy(customerSteps.customerId, customerSteps.category);
}

/** Per row (template step, or custom steps by position and name) and cluster: counts for one category. */
async function rowGroups(db: DbOrTx, releaseId: number, category: StepCategory, withArchived: boolean, staged: boolean): Promise<RowGroup[]> {
  // With stages, a cluster's customers may sit in several stages: the counts split by stage too.
  const stageId = staged ? sql`${releaseStageIdOf(sql`${releaseId}`, sql`${customerTable}`)}` : sql`null::integer`;
  return db
    .select({
      stageId: sql<number | null>`${stageId}`.mapWith((v): number | null => (v === null ? null : Number(v))),
      templateId: customerSteps.templateId,
      customName,
      customOrder,
      type: sql<StepType>`min(${customerSteps.type}::text)`,
      clusterId: customerTable.clusterId,
      total: countOf(),
      done: countOf(sql`${customerSteps.status} = 'done'`),
      skipped: countOf(sql`${customerSteps.status} = 'skipped'`),
      overridden: countOf(sql`${customerSteps.isOverridden}`),
    })
    .from(customerSteps)
    .innerJoin(membershipTable, and(eq(membershipTable.releaseId, customerSteps.releaseId), eq(membershipTable.customerId, customerSteps.customerId), sql`${membershipTable.membership} = 'included'`))
    .innerJoin(customerTable, eq(customerTable.id, customerSteps.customerId))
    .where(
      and(
        eq(customerSteps.releaseId, releaseId),
        eq(customerSteps.category, category),
        isNull(customerSteps.removedAt),
        withArchived ? undefined : eq(customerTable.isActive, true),
      ),
    )
    .groupBy(customerSteps.templateId, customName, customOrder, customerTable.clusterId, sql`1`);
}

async function templatesOf(db: DbOrTx, releaseId: number, category: StepCategory) {
  const t = stepTemplates;
  return db
    .select({ id: t.id, name: t.name, type: t.type, orderIndex: t.orderIndex, deleted: sql<boolean>`${t.deletedAt} is not null` })
    .from(t)
    .where(and(eq(t.releaseId, releaseId), eq(t.category, category)))
    .orderBy(t.orderIndex, t.id);
}

type CellRow = { id: number; customerId: number; templateId: number | null; customName: string | null; customOrder: number | null; status: CellStatus; overridden: boolean; custom: boolean; version: number };

/** The grid query: only the columns a cell needs, only for the expanded clusters. */
async function cellsFor(db: DbOrTx, releaseId: number, category: StepCategory, clusterIds: number[]): Promise<CellRow[]> {
  if (clusterIds.length === 0) return [];
  return db
    .select({
      id: customerSteps.id,
      customerId: customerSteps.customerId,
      templateId: customerSteps.templateId,
      customName,
      customOrder,
      // What the cell shows: the run state while an agent has the step.
      status: sql<CellStatus>`coalesce(${customerSteps.runState}, ${customerSteps.status}::text)`,
      overridden: customerSteps.isOverridden,
      custom: customerSteps.isCustom,
      version: customerSteps.version,
    })
    .from(customerSteps)
    .innerJoin(customerTable, eq(customerTable.id, customerSteps.customerId))
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.category, category), isNull(customerSteps.removedAt), sql`${customerTable.clusterId} in ${sqlList(clusterIds)}`));
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
  const pipeline = await getPipeline(releaseId, db);
  const staged = pipeline.stages.length > 0;
  const [customers, countRows, groups, templates] = [
    await releaseCustomers(db, releaseId),
    await customerCounts(db, releaseId),
    await rowGroups(db, releaseId, params.category, params.archived, staged),
    await templatesOf(db, releaseId, params.category),
  ];
  const stageById = new Map<number, MatrixStage>(
    pipeline.stages.map((st) => [st.id, { id: st.id, name: st.name, position: st.position, state: st.state, locked: st.state === "waiting" ? st.waitingReason : null }]),
  );
  // Blocks: by stage (in order), then cluster. Without stages, one block per cluster as before.
  const blockKey = (c: { clusterId: number; stageId: number | null }) => `${c.stageId ?? 0}:${c.clusterId}`;
  const blockOrder = [...new Set(customers.map(blockKey))];
  const blockNumber = new Map(blockOrder.map((k, i) => [k, i + 1]));
  const progressKeyOf = (c: { clusterId: number; stageId: number | null }) => (staged ? blockNumber.get(blockKey(c))! : c.clusterId);

  // Archived customers are out of the release under way (BR-M03): never in its counts, shown only
  // on request. Their steps and history stay.
  const clusterOf = new Map(customers.filter((c) => c.isActive).map((c) => [c.id, progressKeyOf(c)]));
  const archivedCustomers = customers.filter((c) => !c.isActive).length;
  const visible = params.archived ? customers : customers.filter((c) => c.isActive);
  const flags = new Map<string, FlagCounts>();
  const progressRows: CountRow[] = [];
  for (const r of countRows) {
    flags.set(`${r.customerId}:${r.category}`, r);
    const clusterId = clusterOf.get(r.customerId);
    if (clusterId === undefined) continue; // excluded from the release, or archived
    progressRows.push({ customerId: r.customerId, clusterId, category: r.category, total: r.total, done: r.done, skipped: r.skipped });
  }
  const summary = summarize(progressRows);
  const counts: Matrix["counts"] = {};
  for (const c of customers) {
    const of = (cat: StepCategory): Counts => {
      const f = flags.get(`${c.id}:${cat}`);
      return f ? { total: f.total, done: f.done, skipped: f.skipped } : zero();
    };
    counts[c.id] = { clusterId: progressKeyOf(c), deploy: of("deploy"), verify: of("verify"), ...(c.isActive ? {} : { archived: true as const }) };
  }

  // Clusters of the release (for the filter), then its blocks, then the ones the cluster filter keeps.
  const clusterOptions: Matrix["clusterOptions"] = [];
  for (const c of visible) {
    const option = clusterOptions.find((o) => o.id === c.clusterId);
    if (option) option.customers++;
    else clusterOptions.push({ id: c.clusterId, name: c.clusterName, customers: 1 });
  }
  const byBlock = new Map<string, { id: number; key: string; name: string; stage: MatrixStage | null; progressKey: number; customers: CustomerRow[] }>();
  for (const c of visible) {
    const key = blockKey(c);
    const entry = byBlock.get(key) ?? { id: c.clusterId, key, name: c.clusterName, stage: c.stageId === null ? null : (stageById.get(c.stageId) ?? null), progressKey: progressKeyOf(c), customers: [] };
    entry.customers.push(c);
    byBlock.set(key, entry);
  }
  const blocks = [...byBlock.values()].sort((a, b) => (a.stage?.position ?? 0) - (b.stage?.position ?? 0) || a.name.localeCompare(b.name) || a.id - b.id);
  const filtered = blocks.filter((k) => params.clusterId === undefined || k.id === params.clusterId);
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
  const needsValue = await stepsNeedingValues(db, releaseId, params.category, cellRows);
  const drift = await stepsWithDrift(db, releaseId, params.category, cellRows);
  const repoDrift = await stepsDriftedInRepository(db, releaseId);
  const cellsByCustomer = new Map<number, CellRow[]>();
  for (const r of cellRows) cellsByCustomer.set(r.customerId, [...(cellsByCustomer.get(r.customerId) ?? []), r]);

  const anchored = new Set<number>();
  const clusters: MatrixCluster[] = shown.map((k) => {
    const first = !anchored.has(k.id);
    anchored.add(k.id);
    const base = {
      id: k.id,
      key: k.key,
      anchor: first ? `cluster-${k.id}` : `cluster-${k.id}-stage-${k.stage?.id ?? 0}`,
      progressKey: k.progressKey,
      stage: k.stage,
      name: k.name,
      customerCount: k.customers.length,
      matchCount: k.matching.length,
      progress: summary.clusters.get(k.progressKey) ?? summarize([]).overall,
    };
    if (!isOpen(k.id)) return { ...base, open: false, customers: [], rowIndexes: [], cells: [] };
    const grid: Array<Array<Cell | null>> = rows.map(() => k.matching.map(() => null));
    k.matching.forEach((c, j) => {
      for (const r of cellsByCustomer.get(c.id) ?? []) {
        const i = rowIndex.get(rowKey(r));
        if (i === undefined) continue;
        grid[i][j] = [
          r.id,
          r.status,
          (r.overridden ? CELL_OVERRIDDEN : 0) | (r.custom ? CELL_CUSTOM : 0) | (needsValue.has(r.id) ? CELL_NEEDS_VALUE : 0) | (drift.has(r.id) ? CELL_DRIFT : 0) | (repoDrift.has(r.id) ? CELL_REPO_DRIFT : 0),
          r.version,
        ];
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
    const col = new Map(clusters.map((k, j) => [k.key, j]));
    overview = rows.map(() => clusters.map(() => ({ total: 0, done: 0, skipped: 0, overridden: 0 })));
    for (const g of groups) {
      const i = rowIndex.get(rowKey(g));
      const j = col.get(blockKey(g));
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
    totalCustomers: customers.length - archivedCustomers,
    archivedCustomers,
    shownCustomers,
    large,
    overview,
  };
}
