import "server-only";
import { clearReviewsForValues } from "@/lib/domain/content/mutations/reviews";
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { clusters, customers } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidField, invalidState, notFound, rethrowConstraint } from "@/lib/domain/errors";
import type { CreateClusterInput, UpdateClusterInput } from "@/lib/domain/clusters/input";
import { deleteRefusal } from "@/lib/domain/clusters/model/messages";

type ClusterRow = typeof clusters.$inferSelect;

const duplicateName = (name: string) => invalidField("name", `A cluster named ${name} already exists.`);

/** What the audit trail keeps of a cluster. */
function snapshot(row: ClusterRow) {
  return {
    name: row.name,
    kubeconfigPath: row.kubeconfigPath,
    description: row.description,
    isActive: row.isActive,
    metadata: row.metadata,
  };
}

// A friendly pre-check names the clash; the partial unique index stays the source of truth
// (two admins submitting at once both pass the pre-check, and the loser hits the index).
async function assertNameFree(tx: Tx, name: string, exceptId?: number) {
  const [clash] = await tx
    .select({ name: clusters.name })
    .from(clusters)
    .where(
      and(
        sql`lower(${clusters.name}) = lower(${name})`,
        isNull(clusters.deletedAt),
        exceptId === undefined ? undefined : ne(clusters.id, exceptId),
      ),
    );
  if (clash) throw duplicateName(clash.name);
}

/** A live cluster, locked against concurrent edits and deletes for the rest of the transaction. */
async function lockCluster(tx: Tx, id: number): Promise<ClusterRow> {
  const [row] = await tx
    .select()
    .from(clusters)
    .where(and(eq(clusters.id, id), isNull(clusters.deletedAt)))
    .for("update");
  if (!row) throw notFound("That cluster");
  return row;
}

/** FC-001. */
export async function createCluster(input: CreateClusterInput, actor: Actor, db: Db = getDb()) {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const [row] = await tx
      .insert(clusters)
      .values({
        name: input.name,
        kubeconfigPath: input.kubeconfigPath,
        description: input.description,
        isActive: input.isActive,
        metadata: input.metadata,
      })
      .returning()
      .catch((error: unknown) => rethrowConstraint(error, { clusters_name_unique: duplicateName(input.name) }));
    await recordAudit(tx, actor, {
      action: "cluster.create",
      entityType: "cluster",
      entityId: row.id,
      summary: `Created cluster ${row.name}${row.isActive ? "" : " (inactive)"}`,
      after: snapshot(row),
    });
    return { id: row.id, name: row.name };
  });
}

/** FC-002. */
export async function updateCluster(input: UpdateClusterInput, actor: Actor, db: Db = getDb()) {
  return db.transaction(async (tx) => {
    const before = await lockCluster(tx, input.id);
    await assertNameFree(tx, input.name, input.id);
    const [row] = await tx
      .update(clusters)
      .set({
        name: input.name,
        kubeconfigPath: input.kubeconfigPath,
        description: input.description,
        isActive: input.isActive,
        metadata: input.metadata,
        updatedAt: new Date(),
      })
      .where(eq(clusters.id, input.id))
      .returning()
      .catch((error: unknown) => rethrowConstraint(error, { clusters_name_unique: duplicateName(input.name) }));
    const changes = describeChanges(before, row);
    if (before.name !== row.name || before.kubeconfigPath !== row.kubeconfigPath || JSON.stringify(before.metadata) !== JSON.stringify(row.metadata)) {
      await clearReviewsForValues(tx, { clusterId: row.id });
    }
    await recordAudit(tx, actor, {
      action: "cluster.update",
      entityType: "cluster",
      entityId: row.id,
      summary: `Edited cluster ${row.name}${changes ? `: ${changes}` : " (no changes)"}`,
      before: snapshot(before),
      after: snapshot(row),
    });
    return { id: row.id, name: row.name };
  });
}

function describeChanges(before: ClusterRow, after: ClusterRow): string {
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`renamed from ${before.name}`);
  if (before.kubeconfigPath !== after.kubeconfigPath) parts.push("kubeconfig path changed");
  if (before.description !== after.description) parts.push("description changed");
  if (before.isActive !== after.isActive) parts.push(after.isActive ? "activated" : "deactivated");
  if (JSON.stringify(before.metadata) !== JSON.stringify(after.metadata)) parts.push("metadata changed");
  return parts.join(", ");
}

/**
 * FC-003 / BR-C01: soft delete, refused while the cluster has active customers. The row lock
 * (FOR UPDATE) makes a customer being created or moved onto this cluster at the same moment wait,
 * and those paths re-check that the cluster still exists.
 */
export async function deleteCluster(input: { id: number }, actor: Actor, db: Db = getDb()) {
  return db.transaction(async (tx) => {
    const row = await lockCluster(tx, input.id);
    const active = await tx
      .select({ name: customers.name })
      .from(customers)
      .where(and(eq(customers.clusterId, row.id), eq(customers.isActive, true)))
      .orderBy(asc(sql`lower(${customers.name})`));
    if (active.length > 0) throw invalidState(deleteRefusal(row.name, active.map((c) => c.name)));
    await tx.update(clusters).set({ deletedAt: new Date(), updatedAt: new Date() }).where(eq(clusters.id, row.id));
    await recordAudit(tx, actor, {
      action: "cluster.delete",
      entityType: "cluster",
      entityId: row.id,
      summary: `Deleted cluster ${row.name}`,
      before: snapshot(row),
    });
    return { id: row.id, name: row.name };
  });
}
