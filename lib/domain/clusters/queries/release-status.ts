import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
// `releases` names the active releases below.
import { customers, releaseCustomers, releases as releaseTable } from "@/db/schema";
import { stepCountsForActiveReleases } from "@/lib/domain/progress/queries/step-counts";
import { listActiveReleases } from "@/lib/domain/dashboard/queries/dashboard";
import type { ClusterReleaseStatus, ReleaseCell } from "@/lib/domain/dashboard/types";
import { pooledProgressByCustomer, progressByRelease } from "@/lib/domain/progress/model/aggregate";
import type { ReleaseMembership } from "@/db/schema/vocabulary";

/**
 * Cluster view (FV-006): the cluster's active customers and their standing in every active
 * release. Three reads whatever the size: the active releases, one step-count aggregate narrowed
 * to the cluster, and the cluster's memberships (so excluded customers show as such).
 */
export async function clusterReleaseStatus(
  cluster: { id: number; customers: Array<{ id: number; name: string; namespace: string }> },
  db: DbOrTx = getDb(),
): Promise<ClusterReleaseStatus> {
  const [releases, rows, memberships] = await Promise.all([
    listActiveReleases(db),
    stepCountsForActiveReleases({ clusterId: cluster.id, db }),
    db
      .select({ releaseId: releaseCustomers.releaseId, customerId: releaseCustomers.customerId, membership: releaseCustomers.membership })
      .from(releaseCustomers)
      .innerJoin(releaseTable, and(eq(releaseTable.id, releaseCustomers.releaseId), sql`${releaseTable.status} = 'active'`))
      .innerJoin(customers, and(eq(customers.id, releaseCustomers.customerId), eq(customers.clusterId, cluster.id))),
  ]);
  const membership = new Map<string, ReleaseMembership>();
  for (const m of memberships) {
    membership.set(`${m.releaseId}:${m.customerId}`, m.membership);
  }
  const perRelease = progressByRelease(rows);
  const pooled = pooledProgressByCustomer(rows);

  const clusterProgress: ClusterReleaseStatus["clusterProgress"] = {};
  for (const r of releases) {
    const p = perRelease.get(r.id)?.clusters.get(cluster.id);
    if (p) clusterProgress[r.id] = p;
  }
  return {
    releases: releases.map(({ activatedAt: _activatedAt, ...ref }) => ref),
    clusterProgress,
    customers: cluster.customers.map((c) => {
      const cells: Record<number, ReleaseCell> = {};
      for (const r of releases) {
        const p = perRelease.get(r.id)?.customers.get(c.id);
        cells[r.id] = {
          membership: membership.get(`${r.id}:${c.id}`) ?? null,
          progress: p ? { all: p.all, deploy: p.deploy, verify: p.verify } : null,
        };
      }
      return { ...c, overall: pooled.get(c.id)?.all ?? null, cells };
    }),
  };
}
