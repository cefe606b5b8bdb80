import "server-only";
import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { clusters, customers, releases, stepTemplates } from "@/db/schema";
import { containsPattern, prefixPattern } from "@/lib/domain/shared/search-text";
import { clusterHref, customerHref, GROUP_LIMIT, releaseHref, templateStepHref } from "@/lib/domain/search/model/links";
import type { HitGroup, SearchResults } from "@/lib/domain/search/types";

/** 0 where any of `conditions` holds (a prefix match), else 1: closer matches sort first. */
const rank = (...conditions: SQL[]) => sql<number>`case when ${or(...conditions)} then 0 else 1 end`;
/** Active releases first, then drafts, then archived ones (as the releases list orders them). */
const releaseOrder = sql`case ${releases.status} when 'active' then 0 when 'draft' then 1 else 2 end`;

/** One more row than is shown tells whether there are more. */
function group<T>(rows: T[], limit: number): HitGroup<T> {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * The command palette's search (issue "First hour", "Finding things"): case-insensitive substring
 * matches, the user's text taken literally (`%` and `_` are not wildcards). Customers by name or
 * namespace (active ones only: archived customers are history), clusters by name (not deleted),
 * releases by name or version, template steps by name (not deleted) with their release. At most
 * `limit` of each, closest (prefix) matches first.
 */
export async function searchEverything(q: string, options: { limit?: number } = {}, db: DbOrTx = getDb()): Promise<SearchResults> {
  const limit = options.limit ?? GROUP_LIMIT;
  const anywhere = containsPattern(q);
  const start = prefixPattern(q);

  const [customerRows, clusterRows, releaseRows, stepRows] = await Promise.all([
    db
      .select({ id: customers.id, name: customers.name, namespace: customers.namespace, clusterName: clusters.name })
      .from(customers)
      .innerJoin(clusters, eq(clusters.id, customers.clusterId))
      .where(and(eq(customers.isActive, true), or(ilike(customers.name, anywhere), ilike(customers.namespace, anywhere))))
      .orderBy(rank(ilike(customers.name, start), ilike(customers.namespace, start)), asc(sql`lower(${customers.name})`), asc(customers.id))
      .limit(limit + 1),
    db
      .select({ id: clusters.id, name: clusters.name, isActive: clusters.isActive })
      .from(clusters)
      .where(and(isNull(clusters.deletedAt), ilike(clusters.name, anywhere)))
      .orderBy(rank(ilike(clusters.name, start)), asc(sql`lower(${clusters.name})`), asc(clusters.id))
      .limit(limit + 1),
    db
      .select({ id: releases.id, name: releases.name, versionNumber: releases.versionNumber, status: releases.status })
      .from(releases)
      .where(or(ilike(releases.name, anywhere), ilike(releases.versionNumber, anywhere)))
      .orderBy(rank(ilike(releases.name, start), ilike(releases.versionNumber, start)), releaseOrder, desc(releases.id))
      .limit(limit + 1),
    db
      .select({
        id: stepTemplates.id,
        name: stepTemplates.name,
        category: stepTemplates.category,
        releaseId: releases.id,
        releaseName: releases.name,
        releaseStatus: releases.status,
      })
      .from(stepTemplates)
      .innerJoin(releases, eq(releases.id, stepTemplates.releaseId))
      .where(and(isNull(stepTemplates.deletedAt), ilike(stepTemplates.name, anywhere)))
      .orderBy(rank(ilike(stepTemplates.name, start)), releaseOrder, desc(releases.id), asc(stepTemplates.category), asc(stepTemplates.orderIndex))
      .limit(limit + 1),
  ]);

  return {
    q,
    customers: group(customerRows.map((r) => ({ ...r, href: customerHref(r.id) })), limit),
    clusters: group(clusterRows.map((r) => ({ ...r, href: clusterHref(r.id) })), limit),
    releases: group(releaseRows.map((r) => ({ ...r, href: releaseHref(r.id) })), limit),
    templateSteps: group(stepRows.map((r) => ({ ...r, href: templateStepHref(r.releaseId, r.id, r.releaseStatus) })), limit),
  };
}
