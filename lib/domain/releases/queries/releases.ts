import "server-only";
import { and, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/db/client";
import { clusters, customers, customerSteps, releaseCustomers, releases, stepTemplates, tracks, users } from "@/db/schema";
import type { ReleaseListFilter } from "@/lib/domain/releases/input";
import type { ClusterGroup, ReleaseCustomer, ReleaseDetail, ReleaseListItem } from "@/lib/domain/releases/types";
import { containsPattern } from "@/lib/domain/shared/search-text";
import { progressByRelease } from "@/lib/domain/progress/model/aggregate";
import { summarize } from "@/lib/domain/progress/model/progress";
import { stepCountsForActiveReleases } from "@/lib/domain/progress/queries/step-counts";

const iso = (v: Date | null) => (v == null ? null : v.toISOString());

/** `count(*)`, of the rows matching `where` when given; an aggregate read as a number. */
const countOf = (where?: SQL) => (where ? sql<number>`count(*) filter (where ${where})` : sql<number>`count(*)`).mapWith(Number);
/** A left-joined aggregate: 0 where nothing joined. */
const orZero = (field: SQL.Aliased<number>) => sql<number>`coalesce(${field}, 0)`.mapWith(Number);

/**
 * One statement for the whole list: template counts, membership counts and step progress are
 * aggregated per release in CTEs (never a query per release).
 */
function listRows(db: DbOrTx, where: SQL | undefined) {
  const t = db.$with("t").as(
    db
      .select({
        releaseId: stepTemplates.releaseId,
        deploySteps: countOf(sql`${stepTemplates.category} = 'deploy'`).as("deploy_steps"),
        verifySteps: countOf(sql`${stepTemplates.category} = 'verify'`).as("verify_steps"),
      })
      .from(stepTemplates)
      .where(isNull(stepTemplates.deletedAt))
      .groupBy(stepTemplates.releaseId),
  );
  const m = db.$with("m").as(
    db
      .select({
        releaseId: releaseCustomers.releaseId,
        customers: countOf(sql`${releaseCustomers.membership} = 'included'`).as("included_customers"),
        excluded: countOf(sql`${releaseCustomers.membership} = 'excluded'`).as("excluded_customers"),
      })
      .from(releaseCustomers)
      .groupBy(releaseCustomers.releaseId),
  );
  const p = db.$with("p").as(
    db
      .select({
        releaseId: customerSteps.releaseId,
        stepsTotal: countOf().as("steps_total"),
        stepsDone: countOf(sql`${customerSteps.status} = 'done'`).as("steps_done"),
        stepsSkipped: countOf(sql`${customerSteps.status} = 'skipped'`).as("steps_skipped"),
      })
      .from(customerSteps)
      .innerJoin(customers, and(eq(customers.id, customerSteps.customerId), sql`${customers.isActive}`))
      .where(isNull(customerSteps.removedAt))
      .groupBy(customerSteps.releaseId),
  );
  return db
    .with(t, m, p)
    .select({
      id: releases.id,
      name: releases.name,
      type: releases.type,
      status: releases.status,
      versionNumber: releases.versionNumber,
      releaseDate: releases.releaseDate,
      scope: releases.scope,
      deploySteps: orZero(t.deploySteps),
      verifySteps: orZero(t.verifySteps),
      customers: orZero(m.customers),
      excluded: orZero(m.excluded),
      stepsTotal: orZero(p.stepsTotal),
      stepsDone: orZero(p.stepsDone),
      stepsSkipped: orZero(p.stepsSkipped),
    })
    .from(releases)
    .leftJoin(t, eq(t.releaseId, releases.id))
    .leftJoin(m, eq(m.releaseId, releases.id))
    .leftJoin(p, eq(p.releaseId, releases.id))
    .where(where)
    .orderBy(
      sql`case ${releases.status} when 'active' then 0 when 'draft' then 1 else 2 end`,
      sql`${releases.releaseDate} desc nulls last`,
      desc(releases.id),
    );
}

/**
 * The list rows with their progress (spec 8.2: the average over customers, as every screen
 * shows it), from the one step aggregate — one more statement for the whole list.
 */
async function listQuery(db: DbOrTx, where: SQL | undefined): Promise<ReleaseListItem[]> {
  const rows = await listRows(db, where);
  const counts = await stepCountsForActiveReleases({ releaseIds: rows.map((r) => r.id), db });
  const byRelease = progressByRelease(counts);
  const none = summarize([]).overall;
  return rows.map((r) => ({ ...r, progress: byRelease.get(r.id)?.overall ?? none }));
}

/** Releases that include (membership "included") at least one customer of the cluster (FC-006). */
const includingClusterOf = (db: DbOrTx, clusterId: number) =>
  inArray(
    releases.id,
    db
      .select({ releaseId: releaseCustomers.releaseId })
      .from(releaseCustomers)
      .innerJoin(customers, eq(customers.id, releaseCustomers.customerId))
      .where(and(eq(releaseCustomers.membership, "included"), eq(customers.clusterId, clusterId))),
  );

/** The releases list: status, type, name-or-version search and cluster, all optional and combined. */
export async function listReleases(filter: ReleaseListFilter = {}): Promise<ReleaseListItem[]> {
  const db = getDb();
  return listQuery(
    db,
    and(
      filter.status ? eq(releases.status, filter.status) : undefined,
      filter.type ? eq(releases.type, filter.type) : undefined,
      filter.q ? or(ilike(releases.name, containsPattern(filter.q)), ilike(releases.versionNumber, containsPattern(filter.q))) : undefined,
      filter.clusterId !== undefined ? includingClusterOf(db, filter.clusterId) : undefined,
    ),
  );
}

export async function getRelease(id: number): Promise<ReleaseDetail | null> {
  const db = getDb();
  const [row] = await listQuery(db, eq(releases.id, id));
  if (!row) return null;
  const src = alias(releases, "src");
  const [extra] = await db
    .select({
      description: releases.description,
      metadata: releases.metadata,
      clonedFromId: releases.clonedFromId,
      clonedFromName: src.name,
      trackId: releases.trackId,
      trackName: tracks.name,
      createdBy: users.name,
      activatedAt: releases.activatedAt,
      archivedAt: releases.archivedAt,
      createdAt: releases.createdAt,
      updatedAt: releases.updatedAt,
    })
    .from(releases)
    .leftJoin(src, eq(src.id, releases.clonedFromId))
    .leftJoin(users, eq(users.id, releases.createdById))
    .leftJoin(tracks, eq(tracks.id, releases.trackId))
    .where(eq(releases.id, id));
  return {
    ...row,
    description: extra.description,
    metadata: extra.metadata,
    clonedFrom: extra.clonedFromId && extra.clonedFromName ? { id: extra.clonedFromId, name: extra.clonedFromName } : null,
    track: extra.trackId && extra.trackName ? { id: extra.trackId, name: extra.trackName } : null,
    createdBy: extra.createdBy,
    activatedAt: iso(extra.activatedAt),
    archivedAt: iso(extra.archivedAt),
    createdAt: extra.createdAt.toISOString(),
    updatedAt: extra.updatedAt.toISOString(),
  };
}

/**
 * Everyone relevant to a release, grouped by cluster (BR-C03, spec 8.1): its members (included
 * or excluded) and the active customers that are not part of it yet, with per-customer progress.
 */
export async function getReleaseCustomers(releaseId: number): Promise<ClusterGroup[]> {
  const db = getDb();
  const p = db
    .select({
      customerId: customerSteps.customerId,
      total: countOf().as("total"),
      done: countOf(sql`${customerSteps.status} = 'done'`).as("done"),
      skipped: countOf(sql`${customerSteps.status} = 'skipped'`).as("skipped"),
    })
    .from(customerSteps)
    .where(and(eq(customerSteps.releaseId, releaseId), isNull(customerSteps.removedAt)))
    .groupBy(customerSteps.customerId)
    .as("p");
  const rows = await db
    .select({
      id: customers.id,
      name: customers.name,
      namespace: customers.namespace,
      labels: customers.metadata,
      isActive: customers.isActive,
      clusterId: clusters.id,
      clusterName: clusters.name,
      clusterActive: sql<boolean>`(${clusters.isActive} and ${clusters.deletedAt} is null)`,
      membership: releaseCustomers.membership,
      total: orZero(p.total),
      done: orZero(p.done),
      skipped: orZero(p.skipped),
    })
    .from(customers)
    .innerJoin(clusters, eq(clusters.id, customers.clusterId))
    .leftJoin(releaseCustomers, and(eq(releaseCustomers.customerId, customers.id), eq(releaseCustomers.releaseId, releaseId)))
    .leftJoin(p, eq(p.customerId, customers.id))
    .where(
      or(
        isNotNull(releaseCustomers.releaseId),
        sql`(${customers.isActive} and ${clusters.isActive} and ${clusters.deletedAt} is null)`,
      ),
    )
    .orderBy(sql`lower(${clusters.name})`, sql`lower(${customers.name})`);
  const groups = new Map<number, ClusterGroup>();
  for (const customer of rows satisfies ReleaseCustomer[]) {
    let group = groups.get(customer.clusterId);
    if (!group) {
      groups.set(customer.clusterId, (group = { id: customer.clusterId, name: customer.clusterName, active: customer.clusterActive, customers: [] }));
    }
    group.customers.push(customer);
  }
  return [...groups.values()];
}
