import "server-only";
import { and, asc, count, eq, inArray, isNull, not, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { clusters, customers } from "@/db/schema";
import type { ClusterDetail, ClusterMember, ClusterOption, ClusterSummary } from "@/lib/domain/clusters/types";

type ClusterRow = typeof clusters.$inferSelect;

const byName = asc(sql`lower(${clusters.name})`);

function summarise(row: ClusterRow, members: ClusterMember[]): ClusterSummary {
  return {
    id: row.id,
    name: row.name,
    kubeconfigPath: row.kubeconfigPath,
    description: row.description,
    isActive: row.isActive,
    metadata: row.metadata ?? {},
    region: row.metadata?.region || null,
    customers: members,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Active customers of the given clusters, by cluster, each list in name order. */
async function membersOf(db: DbOrTx, clusterIds: number[]): Promise<Map<number, ClusterMember[]>> {
  const byCluster = new Map<number, ClusterMember[]>(clusterIds.map((id) => [id, []]));
  if (clusterIds.length === 0) return byCluster;
  const rows = await db
    .select({ id: customers.id, name: customers.name, namespace: customers.namespace, clusterId: customers.clusterId })
    .from(customers)
    .where(and(eq(customers.isActive, true), inArray(customers.clusterId, clusterIds)))
    .orderBy(asc(sql`lower(${customers.name})`), asc(customers.id));
  for (const { clusterId, ...member } of rows) byCluster.get(clusterId)?.push(member);
  return byCluster;
}

/** Every cluster that has not been deleted, by name, with its active customers (FC-004). */
export async function listClusters(db: DbOrTx = getDb()): Promise<ClusterSummary[]> {
  const rows = await db.select().from(clusters).where(isNull(clusters.deletedAt)).orderBy(byName);
  const members = await membersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => summarise(row, members.get(row.id) ?? []));
}

/** One cluster with its customers (FC-005); null when unknown or deleted. */
export async function getCluster(id: number, db: DbOrTx = getDb()): Promise<ClusterDetail | null> {
  const [row] = await db
    .select()
    .from(clusters)
    .where(and(eq(clusters.id, id), isNull(clusters.deletedAt)));
  if (!row) return null;
  const members = await membersOf(db, [row.id]);
  const [archived] = await db
    .select({ n: count() })
    .from(customers)
    .where(and(eq(customers.clusterId, id), not(customers.isActive)));
  return { ...summarise(row, members.get(row.id) ?? []), archivedCustomerCount: Number(archived?.n ?? 0) };
}

/** Clusters a customer may be placed on or filtered by, by name. */
export async function listClusterOptions(db: DbOrTx = getDb()): Promise<ClusterOption[]> {
  return db
    .select({ id: clusters.id, name: clusters.name, isActive: clusters.isActive, kubeconfigPath: clusters.kubeconfigPath })
    .from(clusters)
    .where(isNull(clusters.deletedAt))
    .orderBy(byName);
}
