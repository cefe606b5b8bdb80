import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { customers, customerSteps, releases } from "@/db/schema";
import type { CountRow } from "@/lib/domain/progress/model/progress";

type Status = (typeof customerSteps.$inferSelect)["status"];

/** `count(*)` of a group's steps in `status` (all of them without one), as a number. */
const stepsIn = (status?: Status) =>
  (status ? sql<number>`count(*) filter (where ${eq(customerSteps.status, status)})` : sql<number>`count(*)`).mapWith(Number);

/**
 * A `CountRow` tagged with its release: counts across several releases at once. `failed` and
 * `unknown` are open steps an agent left failed or with an unknown outcome; `reverted` counts the
 * other reverted ones, so each open step is counted once.
 */
export type ReleaseCountRow = CountRow & { releaseId: number; reverted: number; failed: number; unknown: number };

const runIn = (state: "failed" | "unknown") => sql<number>`count(*) filter (where ${customerSteps.runState} = ${state})`.mapWith(Number);

/**
 * The one aggregate every progress figure comes from (spec 8.2): step counts per (release,
 * customer, category), for active customers only — an archived customer is out of the releases
 * under way (BR-M03). Every active release by default (dashboard, cluster view, customers by
 * progress), or the given releases (releases list and page); narrow to one cluster or some
 * customers; group by release, then `summarize`.
 */
export async function stepCountsForActiveReleases(
  options: { clusterId?: number; customerIds?: number[]; releaseIds?: number[]; db?: DbOrTx } = {},
): Promise<ReleaseCountRow[]> {
  const db = options.db ?? getDb();
  if (options.releaseIds && options.releaseIds.length === 0) return [];
  const byCluster =
    options.clusterId !== undefined
      ? inArray(customerSteps.customerId, db.select({ id: customers.id }).from(customers).where(eq(customers.clusterId, options.clusterId)))
      : undefined;
  const byCustomer = options.customerIds ? inArray(customerSteps.customerId, options.customerIds) : undefined;
  const releaseSet = options.releaseIds ?? db.select({ id: releases.id }).from(releases).where(sql`${releases.status} = 'active'`);
  // As above: count per (release, customer, category) off the progress index, then join.
  const a = db
    .select({
      releaseId: customerSteps.releaseId,
      customerId: customerSteps.customerId,
      category: customerSteps.category,
      total: stepsIn().as("total"),
      done: stepsIn("done").as("done"),
      skipped: stepsIn("skipped").as("skipped"),
      reverted: sql<number>`count(*) filter (where ${customerSteps.status} = 'reverted' and ${customerSteps.runState} is distinct from 'failed' and ${customerSteps.runState} is distinct from 'unknown')`.mapWith(Number).as("reverted"),
      failed: runIn("failed").as("failed"),
      unknown: runIn("unknown").as("unknown"),
    })
    .from(customerSteps)
    .where(and(isNull(customerSteps.removedAt), inArray(customerSteps.releaseId, releaseSet), byCluster, byCustomer))
    .groupBy(customerSteps.releaseId, customerSteps.customerId, customerSteps.category)
    .as("a");
  return db
    .select({
      releaseId: a.releaseId,
      customerId: a.customerId,
      clusterId: customers.clusterId,
      category: a.category,
      total: a.total,
      done: a.done,
      skipped: a.skipped,
      reverted: a.reverted,
      failed: a.failed,
      unknown: a.unknown,
    })
    .from(a)
    .innerJoin(customers, and(eq(customers.id, a.customerId), eq(customers.isActive, true)));
}
