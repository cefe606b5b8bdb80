import "server-only";
import { clearReviewsForValues } from "@/lib/domain/content/mutations/reviews";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Db, type DbOrTx, type Tx } from "@/db/client";
import { clusters, customers, customerSteps, releases } from "@/db/schema";
import { plural } from "@/lib/plural";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { conflict, DomainError, invalidField, invalidState, notFound, rethrowConstraint } from "@/lib/domain/errors";
import { cancelQueuedItems } from "@/lib/domain/runs/mutations/cancel-queued";
import { giveActiveReleasesToCustomers } from "@/lib/domain/releases/mutations/customer-joined";
import type { CreateCustomerInput, UpdateCustomerInput } from "@/lib/domain/customers/input";

type CustomerRow = typeof customers.$inferSelect;
type ClusterRow = typeof clusters.$inferSelect;

function snapshot(row: CustomerRow, clusterName: string) {
  return {
    name: row.name,
    namespace: row.namespace,
    clusterId: row.clusterId,
    cluster: clusterName,
    description: row.description,
    metadata: row.metadata,
    isActive: row.isActive,
  };
}

/**
 * A live cluster to put a customer on. FOR SHARE waits for a concurrent cluster delete (which holds
 * FOR UPDATE) and then sees it deleted, so no active customer lands on a deleted cluster (BR-C01).
 */
async function usableCluster(tx: Tx, clusterId: number, field: "clusterId" | null): Promise<ClusterRow> {
  const [row] = await tx
    .select()
    .from(clusters)
    .where(and(eq(clusters.id, clusterId), isNull(clusters.deletedAt)))
    .for("share");
  if (row) return row;
  if (field) throw invalidField(field, "That cluster no longer exists. Choose another one.");
  throw notFound("That cluster");
}

async function lockCustomer(tx: Tx, id: number): Promise<CustomerRow> {
  const [row] = await tx.select().from(customers).where(eq(customers.id, id)).for("update");
  if (!row) throw notFound("That customer");
  return row;
}

type Clash = { namespace?: DomainError; name?: DomainError };

/** BR-M01 and unique names among active customers, with messages that name who is in the way. */
async function findClashes(tx: Tx, c: { id?: number; name: string; namespace: string; cluster: ClusterRow }): Promise<Clash> {
  const others = await tx
    .select({ name: customers.name, namespace: customers.namespace, clusterId: customers.clusterId })
    .from(customers)
    .where(
      and(
        eq(customers.isActive, true),
        c.id === undefined ? undefined : ne(customers.id, c.id),
        sql`((${customers.clusterId} = ${c.cluster.id} and ${customers.namespace} = ${c.namespace}) or lower(${customers.name}) = lower(${c.name}))`,
      ),
    );
  const clash: Clash = {};
  const ns = others.find((o) => o.clusterId === c.cluster.id && o.namespace === c.namespace);
  if (ns) clash.namespace = namespaceTaken(c.namespace, c.cluster.name, ns.name);
  const named = others.find((o) => o.name.toLowerCase() === c.name.toLowerCase());
  if (named) clash.name = nameTaken(named.name);
  return clash;
}

const namespaceTaken = (namespace: string, cluster: string, by?: string) =>
  invalidField(
    "namespace",
    by
      ? `Namespace ${namespace} on ${cluster} is already used by ${by}.`
      : `Namespace ${namespace} is already used by another customer on ${cluster}.`,
  );
const nameTaken = (name: string) => invalidField("name", `A customer named ${name} already exists.`);

/** Both clashes at once, so the form shows every problem in one round trip. */
function throwClashes(clash: Clash): void {
  if (!clash.namespace && !clash.name) return;
  const fieldErrors = { ...clash.namespace?.fieldErrors, ...clash.name?.fieldErrors };
  throw new DomainError("invalid_input", (clash.namespace ?? clash.name)!.message, { fieldErrors });
}

const constraintErrors = (c: { name: string; namespace: string; cluster: ClusterRow }) => ({
  customers_cluster_namespace_unique: namespaceTaken(c.namespace, c.cluster.name),
  customers_name_unique: nameTaken(c.name),
});

/** FM-001; the new customer joins every active all-customer release (BR-S06). */
export async function createCustomer(input: CreateCustomerInput, actor: Actor, db: Db = getDb()) {
  return db.transaction(async (tx) => {
    const cluster = await usableCluster(tx, input.clusterId, "clusterId");
    throwClashes(await findClashes(tx, { ...input, cluster }));
    const [row] = await tx
      .insert(customers)
      .values({
        clusterId: cluster.id,
        name: input.name,
        namespace: input.namespace,
        description: input.description,
        metadata: input.metadata,
      })
      .returning()
      .catch((error: unknown) => rethrowConstraint(error, constraintErrors({ ...input, cluster })));
    const stepsCreated = await giveActiveReleasesToCustomers(tx, [row.id]);
    await recordAudit(tx, actor, {
      action: "customer.create",
      entityType: "customer",
      entityId: row.id,
      summary: `Created customer ${row.name} in ${cluster.name}/${row.namespace}${stepsCreated ? `; joined active releases (${stepsCreated} steps)` : ""}`,
      after: snapshot(row, cluster.name),
    });
    return { id: row.id, name: row.name, stepsCreated };
  });
}

/**
 * FM-002, and moving between clusters (BR-M02): a move changes which cluster (and kubeconfig)
 * the customer's scripts run against, so the audit summary says so in as many words.
 */
export async function updateCustomer(input: UpdateCustomerInput, actor: Actor, db: Db = getDb()) {
  return db.transaction(async (tx) => {
    const before = await lockCustomer(tx, input.id);
    const [from] = await tx.select().from(clusters).where(eq(clusters.id, before.clusterId));
    const moved = before.clusterId !== input.clusterId;
    const cluster = moved ? await usableCluster(tx, input.clusterId, "clusterId") : from;
    // Archived customers are outside the uniqueness rules until they are restored.
    if (before.isActive) throwClashes(await findClashes(tx, { ...input, cluster }));
    const [row] = await tx
      .update(customers)
      .set({
        clusterId: cluster.id,
        name: input.name,
        namespace: input.namespace,
        description: input.description,
        metadata: input.metadata,
        updatedAt: new Date(),
      })
      .where(eq(customers.id, input.id))
      .returning()
      .catch((error: unknown) => rethrowConstraint(error, constraintErrors({ ...input, cluster })));
    // What this customer's steps render to changed: reviews of that text no longer hold.
    const valuesChanged =
      moved || before.name !== row.name || before.namespace !== row.namespace || JSON.stringify(before.metadata) !== JSON.stringify(row.metadata);
    if (valuesChanged) await clearReviewsForValues(tx, { customerId: row.id });
    // Queued runs were meant for the old cluster's agents (and its kubeconfig): they do not follow.
    const queuedCancelled = moved
      ? await cancelQueuedItems(tx, {
          where: sql`customer_id = ${row.id}`,
          note: `Cancelled before it ran: ${actor.name} moved ${row.name} from ${from.name} to ${cluster.name}. Start it again on ${cluster.name}.`,
        })
      : 0;
    const changes: string[] = [];
    if (moved) {
      changes.push(
        `moved from ${from.name} to ${cluster.name} (context change: its scripts now run against ${cluster.name}` +
          `${cluster.kubeconfigPath ? ` with ${cluster.kubeconfigPath}` : ""})`,
      );
    }
    if (before.name !== row.name) changes.push(`renamed from ${before.name}`);
    if (before.namespace !== row.namespace) changes.push(`namespace ${before.namespace} → ${row.namespace}`);
    if (queuedCancelled) changes.push(`${plural(queuedCancelled, "queued agent run")} cancelled`);
    if (before.description !== row.description) changes.push("description changed");
    if (JSON.stringify(before.metadata) !== JSON.stringify(row.metadata)) changes.push("metadata changed");
    await recordAudit(tx, actor, {
      action: moved ? "customer.move" : "customer.update",
      entityType: "customer",
      entityId: row.id,
      summary: `${moved ? "Moved" : "Edited"} customer ${row.name}: ${changes.join("; ") || "no changes"}`,
      before: snapshot(before, from.name),
      after: snapshot(row, cluster.name),
    });
    return { id: row.id, name: row.name, moved, clusterId: cluster.id, previousClusterId: before.clusterId };
  });
}

/** FM-003 / BR-M03: archive (soft delete); the row, its steps and its history stay. */
export async function archiveCustomer(input: { id: number }, actor: Actor, db: Db = getDb()) {
  return db.transaction(async (tx) => {
    const before = await lockCustomer(tx, input.id);
    if (!before.isActive) throw invalidState(`${before.name} is already archived.`);
    const [cluster] = await tx.select({ name: clusters.name }).from(clusters).where(eq(clusters.id, before.clusterId));
    const now = new Date();
    const [row] = await tx
      .update(customers)
      .set({ isActive: false, archivedAt: now, updatedAt: now })
      .where(eq(customers.id, before.id))
      .returning();
    // BR-M03: out of the releases under way. Its steps stay (history, done work); its open ones
    // leave the counts, so those releases can still reach "all customers complete".
    const open = await openStepsUnderWay(tx, row.id);
    await recordAudit(tx, actor, {
      action: "customer.archive",
      entityType: "customer",
      entityId: row.id,
      summary:
        `Archived customer ${row.name} (${cluster.name}/${row.namespace})` +
        (open.steps ? `; its ${plural(open.steps, "open step")} in ${plural(open.releases, "release")} under way leave their counts` : ""),
      before: snapshot(before, cluster.name),
      after: snapshot(row, cluster.name),
    });
    return { id: row.id, name: row.name, clusterId: row.clusterId };
  });
}

/** Open steps (pending or reverted) of a customer in active releases, and in how many releases. */
async function openStepsUnderWay(tx: DbOrTx, customerId: number): Promise<{ steps: number; releases: number }> {
  const [row] = await tx
    .select({
      steps: sql<number>`count(*)`.mapWith(Number),
      releases: sql<number>`count(distinct ${customerSteps.releaseId})`.mapWith(Number),
    })
    .from(customerSteps)
    .innerJoin(releases, eq(releases.id, customerSteps.releaseId))
    .where(
      and(
        eq(customerSteps.customerId, customerId),
        eq(releases.status, "active"),
        isNull(customerSteps.removedAt),
        inArray(customerSteps.status, ["pending", "reverted"]),
      ),
    );
  return row ?? { steps: 0, releases: 0 };
}

/**
 * Re-activates an archived customer. The uniqueness rules apply again, so a namespace or name
 * taken meanwhile refuses it; it then joins active releases like a new customer (BR-S06).
 */
export async function restoreCustomer(input: { id: number }, actor: Actor, db: Db = getDb()) {
  return db.transaction(async (tx) => {
    const before = await lockCustomer(tx, input.id);
    if (before.isActive) throw invalidState(`${before.name} is not archived.`);
    const [home] = await tx.select().from(clusters).where(eq(clusters.id, before.clusterId));
    if (home.deletedAt) {
      throw invalidState(
        `${before.name} was on cluster ${home.name}, which has been deleted. Edit the customer to move it to another cluster, then restore it.`,
      );
    }
    const cluster = await usableCluster(tx, before.clusterId, null);
    const clash = await findClashes(tx, { id: before.id, name: before.name, namespace: before.namespace, cluster });
    if (clash.namespace || clash.name) {
      throw conflict(
        `${before.name} can't be restored: ${(clash.namespace ?? clash.name)!.message.replace(/\.$/, "")}. ` +
          "Archive or change the other customer first, or edit this one.",
      );
    }
    const [row] = await tx
      .update(customers)
      .set({ isActive: true, archivedAt: null, updatedAt: new Date() })
      .where(eq(customers.id, before.id))
      .returning()
      .catch((error: unknown) =>
        rethrowConstraint(error, {
          customers_cluster_namespace_unique: conflict(`${before.name} can't be restored: its namespace is in use on ${cluster.name}.`),
          customers_name_unique: conflict(`${before.name} can't be restored: another active customer has that name.`),
        }),
      );
    const stepsCreated = await giveActiveReleasesToCustomers(tx, [row.id]);
    const open = await openStepsUnderWay(tx, row.id);
    await recordAudit(tx, actor, {
      action: "customer.restore",
      entityType: "customer",
      entityId: row.id,
      summary:
        `Restored customer ${row.name} (${cluster.name}/${row.namespace})` +
        (open.steps ? `; its ${plural(open.steps, "open step")} in ${plural(open.releases, "release")} under way count again` : "") +
        (stepsCreated ? `; joined active releases (${stepsCreated} new steps)` : ""),
      before: snapshot(before, cluster.name),
      after: snapshot(row, cluster.name),
    });
    return { id: row.id, name: row.name, clusterId: row.clusterId, stepsCreated };
  });
}
