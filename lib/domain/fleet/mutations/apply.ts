import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type Db, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { clearReviewsForValues } from "@/lib/domain/content/mutations/reviews";
import { conflict, DomainError, rethrowConstraint } from "@/lib/domain/errors";
import type { FleetFile, FleetProblem } from "@/lib/domain/fleet/model/fleet-file";
import { planFleet, planIsEmpty, type FleetPlan } from "@/lib/domain/fleet/model/plan";
import { currentFleet, releasesNewCustomersJoin } from "@/lib/domain/fleet/queries/current";
import type { FleetImportResult } from "@/lib/domain/fleet/types";
import { giveActiveReleasesToCustomers } from "@/lib/domain/releases/mutations/customer-joined";
import { cancelQueuedItems } from "@/lib/domain/runs/mutations/cancel-queued";
import { plural } from "@/lib/plural";


/** Problems as the error every caller shows: a list by path, nothing written. */
export function fleetRefusal(problems: FleetProblem[]): DomainError {
  const shown = problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
  return new DomainError(
    "invalid_input",
    `The file has ${plural(problems.length, "problem")}; nothing was changed. ${shown.join(" ")}${problems.length > 3 ? ` …and ${problems.length - 3} more.` : ""}`,
    { fieldErrors: Object.fromEntries(groupByPath(problems)) },
  );
}

function groupByPath(problems: FleetProblem[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) out.set(p.path, [...(out.get(p.path) ?? []), p.message]);
  return out;
}

/**
 * A fingerprint of what a plan changes: the page sends its preview's back with "Apply", and the
 * apply refuses when the plan it computes under its locks is not that one (someone changed the
 * fleet meanwhile) — what is applied is what was seen.
 */
export function planDigest(plan: FleetPlan): string {
  const { clusters, customers } = plan;
  const changes = { clusters: [clusters.create, clusters.update], customers: [customers.create, customers.update, customers.archive, customers.restore] };
  return createHash("sha256").update(JSON.stringify(changes)).digest("hex");
}

/** The preview: what applying would change, read without locks or writes. */
export async function previewFleetImport(file: FleetFile, options: { archiveMissing: boolean }, db: DbOrTx = getDb()): Promise<FleetImportResult> {
  const plan = planFleet(await currentFleet(db), file, options);
  return { plan, joins: await joinsFor(db, plan), applied: false, stepsCreated: 0, digest: planDigest(plan) };
}

async function joinsFor(db: DbOrTx, plan: FleetPlan) {
  return plan.customers.create.length + plan.customers.restore.length ? releasesNewCustomersJoin(db) : [];
}

/**
 * Applies a fleet file in one transaction (issue 27): the plan is computed again from the rows
 * locked here (clusters, then customers — as the forms lock them), so what is applied is exactly
 * what a preview of this moment shows; any problem refuses the whole file and writes nothing.
 * Set-based, whatever the file's size: one statement per kind of change, never one per row.
 *  1. new clusters; changed clusters;
 *  2. customers the plan archives (their namespaces are free from here on);
 *  3. changed and restored customers — first set aside (inactive) and then written with their new
 *     values, so two customers may swap namespaces without tripping the one-per-namespace index
 *     half way; a moved customer's queued agent runs are cancelled and reviews of values cleared;
 *  4. new customers;
 *  5. new and restored customers join the active releases (their steps appear, stages place them);
 *  6. one audit entry with the counts.
 * The same file applied twice changes nothing the second time (and writes no audit entry).
 */
export async function applyFleetImport(file: FleetFile, options: { archiveMissing: boolean; previewed?: string }, actor: Actor, db: Db = getDb()): Promise<FleetImportResult> {
  // A customer or cluster created by someone else while this ran (rows that did not exist could not
  // be locked) can still take a name or namespace: the whole import is refused, nothing written.
  const raced = conflict("Someone added a cluster or customer with the same name or namespace while the import ran. Nothing was changed: preview the file again.");
  return applyLocked(file, options, actor, db).catch((error: unknown) =>
    rethrowConstraint(error, { customers_cluster_namespace_unique: raced, customers_name_unique: raced, clusters_name_unique: raced }),
  );
}

async function applyLocked(file: FleetFile, options: { archiveMissing: boolean; previewed?: string }, actor: Actor, db: Db): Promise<FleetImportResult> {
  return db.transaction(async (tx) => {
    const plan = planFleet(await currentFleet(tx, { lock: true }), file, options);
    if (plan.problems.length) throw fleetRefusal(plan.problems);
    const digest = planDigest(plan);
    if (options.previewed && options.previewed !== digest) {
      throw conflict("Clusters or customers changed since your preview, so the import would not do what it showed. Nothing was changed: preview again.");
    }
    const joins = await joinsFor(tx, plan);
    if (planIsEmpty(plan)) return { plan, joins, applied: true, stepsCreated: 0, digest };
    const json = (v: unknown) => JSON.stringify(v);

    if (plan.clusters.create.length) {
      await tx.execute(sql`
        insert into clusters (name, kubeconfig_path, description, metadata)
        select v.name, v."kubeconfigPath", v.description, coalesce(v.metadata, '{}'::jsonb)
        from jsonb_to_recordset(${json(plan.clusters.create)}::jsonb) as v(name text, "kubeconfigPath" text, description text, metadata jsonb)`);
    }
    if (plan.clusters.update.length) {
      const rows = plan.clusters.update.map((u) => ({ id: u.id, ...u.row }));
      await tx.execute(sql`
        update clusters k set name = v.name, kubeconfig_path = v."kubeconfigPath", description = v.description, metadata = coalesce(v.metadata, '{}'::jsonb), updated_at = now()
        from jsonb_to_recordset(${json(rows)}::jsonb) as v(id int, name text, "kubeconfigPath" text, description text, metadata jsonb)
        where k.id = v.id`);
      // A cluster's values are in its customers' scripts: reviews of that text no longer hold.
      const revalued = plan.clusters.update.filter((u) => u.changes.some((c) => c.field !== "description")).map((u) => u.id);
      if (revalued.length) await clearReviewsForValues(tx, { clusterIds: revalued });
    }
    if (plan.customers.archive.length) {
      await tx.execute(sql`
        update customers set is_active = false, archived_at = now(), updated_at = now()
        where id = any(${`{${plan.customers.archive.map((a) => a.id).join(",")}}`}::int[]) and is_active`);
    }

    const clusterIds = new Map(
      executedRows(await tx.execute(sql`select id, lower(name) as k from clusters where deleted_at is null`)).map((r) => [String(r.k), Number(r.id)]),
    );
    const restored = new Set(plan.customers.restore.map((r) => r.id));
    const rewritten = new Map<number, { id: number; clusterId: number; name: string; namespace: string; description: string; metadata: Record<string, string> }>();
    for (const { id, row } of [...plan.customers.update, ...plan.customers.restore]) {
      rewritten.set(id, { id, clusterId: clusterIds.get(row.cluster.toLowerCase())!, name: row.name, namespace: row.namespace, description: row.description, metadata: row.metadata });
    }
    if (rewritten.size) {
      const ids = `{${[...rewritten.keys()].join(",")}}`;
      // Active after the import: restored ones, and those active now (archiving ran above).
      const activeNow = new Set(executedRows(await tx.execute(sql`select id from customers where id = any(${ids}::int[]) and is_active`)).map((r) => Number(r.id)));
      const rows = [...rewritten.values()].map((r) => ({ ...r, active: restored.has(r.id) || activeNow.has(r.id) }));
      await tx.execute(sql`update customers set is_active = false where id = any(${ids}::int[])`);
      await tx.execute(sql`
        update customers c set cluster_id = v."clusterId", name = v.name, namespace = v.namespace, description = v.description,
          metadata = coalesce(v.metadata, '{}'::jsonb), is_active = v.active,
          archived_at = case when v.active then null else c.archived_at end, updated_at = now()
        from jsonb_to_recordset(${json(rows)}::jsonb) as v(id int, "clusterId" int, name text, namespace text, description text, metadata jsonb, active boolean)
        where c.id = v.id`);
      const moved = plan.customers.update.filter((u) => u.moved).map((u) => u.id);
      if (moved.length) {
        await cancelQueuedItems(tx, {
          where: sql`customer_id = any(${`{${moved.join(",")}}`}::int[])`,
          note: `Cancelled before it ran: ${actor.name} moved the customer to another cluster with a fleet import. Start it again there.`,
        });
      }
      // What these customers' steps render to changed: reviews of that text no longer hold.
      const revalued = plan.customers.update.filter((u) => u.changes.some((c) => c.field !== "description")).map((u) => u.id);
      if (revalued.length) await clearReviewsForValues(tx, { customerIds: revalued });
    }
    let createdIds: number[] = [];
    if (plan.customers.create.length) {
      const rows = plan.customers.create.map((c) => ({ clusterId: clusterIds.get(c.cluster.toLowerCase())!, name: c.name, namespace: c.namespace, description: c.description, metadata: c.metadata }));
      createdIds = executedRows(
        await tx.execute(sql`
          insert into customers (cluster_id, name, namespace, description, metadata)
          select v."clusterId", v.name, v.namespace, v.description, coalesce(v.metadata, '{}'::jsonb)
          from jsonb_to_recordset(${json(rows)}::jsonb) as v("clusterId" int, name text, namespace text, description text, metadata jsonb)
          returning id`),
      ).map((r) => Number(r.id));
    }
    const stepsCreated = await giveActiveReleasesToCustomers(tx, [...createdIds, ...plan.customers.restore.map((r) => r.id)]);
    await recordAudit(tx, actor, {
      action: "fleet.import",
      entityType: "fleet",
      entityId: "fleet",
      summary: fleetSummary(plan, stepsCreated),
      after: {
        clusters: { created: plan.clusters.create.length, updated: plan.clusters.update.length },
        customers: {
          created: plan.customers.create.length,
          updated: plan.customers.update.length,
          moved: plan.customers.update.filter((u) => u.moved).length,
          archived: plan.customers.archive.length,
          restored: plan.customers.restore.length,
          keptMissing: plan.customers.keptMissing.length,
        },
        stepsCreated,
      },
    });
    return { plan, joins, applied: true, stepsCreated, digest };
  });
}

/** "Imported the fleet: 2 clusters created; 50 customers created, 3 updated (1 moved), 2 archived; 600 steps created" */
export function fleetSummary(plan: FleetPlan, stepsCreated: number): string {
  const parts: string[] = [];
  const clusters = [
    plan.clusters.create.length ? `${plural(plan.clusters.create.length, "cluster")} created` : "",
    plan.clusters.update.length ? `${plural(plan.clusters.update.length, "cluster")} updated` : "",
  ].filter(Boolean);
  if (clusters.length) parts.push(clusters.join(", "));
  const moved = plan.customers.update.filter((u) => u.moved).length;
  const customers = [
    plan.customers.create.length ? `${plural(plan.customers.create.length, "customer")} created` : "",
    plan.customers.update.length ? `${plural(plan.customers.update.length, "customer")} updated${moved ? ` (${moved} moved between clusters)` : ""}` : "",
    plan.customers.archive.length ? `${plural(plan.customers.archive.length, "customer")} archived` : "",
    plan.customers.restore.length ? `${plural(plan.customers.restore.length, "customer")} restored` : "",
  ].filter(Boolean);
  if (customers.length) parts.push(customers.join(", "));
  if (stepsCreated) parts.push(`${plural(stepsCreated, "step")} created in active releases`);
  return `Imported the fleet: ${parts.join("; ") || "no changes"}`;
}
