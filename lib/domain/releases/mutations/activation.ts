import "server-only";
import { and, count, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { clusters, customers, releaseCustomers, stepTemplates } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState } from "@/lib/domain/errors";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { copyTrackStages } from "@/lib/domain/stages/mutations/snapshot";
import type { ActivateInput } from "@/lib/domain/releases/input";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import { assertActive, assertCanActivate } from "@/lib/domain/releases/model/rules";

export type ActivationResult = {
  releaseId: number;
  alreadyActive: boolean;
  customers: number;
  clusters: number;
  excluded: number;
  templateSteps: number;
  stepsCreated: number;
};

type Membership = (typeof releaseCustomers.$inferSelect)["membership"];

/**
 * Membership rows for the customers that can take part in anything (active, on an active cluster
 * that still exists), narrowed by `filter`: the SELECT of an INSERT … SELECT into
 * release_customers (so its fields are that table's columns, in order).
 */
const eligibleMembers = (tx: DbOrTx, releaseId: number, membership: SQL<Membership>, filter?: SQL) =>
  tx
    .select({
      releaseId: sql<number>`${releaseId}`.as("release_id"),
      customerId: customers.id,
      membership: membership.as("membership"),
      changedAt: sql<Date>`now()`.as("changed_at"),
    })
    .from(customers)
    .innerJoin(clusters, and(eq(clusters.id, customers.clusterId), sql`${clusters.isActive}`, isNull(clusters.deletedAt)))
    .where(and(sql`${customers.isActive}`, filter));

/**
 * FR-003 / BR-R01: one transaction, three set-based statements whatever the number of
 * customers — membership rows (INSERT … SELECT), the fan-out (INSERT … SELECT), the status
 * change. All or nothing: any failure rolls back to a draft with no customer steps. Idempotent:
 * the release row is locked first, so a second activation (double click, two managers) sees
 * "active" and returns without writing; the unique (release, customer, template) key backs it.
 */
export async function activateRelease(input: ActivateInput, actor: Actor): Promise<ActivationResult> {
  return getDb().transaction(async (tx) => {
    const release = await lockRelease(tx, input.id);
    assertCanActivate(release.status);
    if (release.status === "active") {
      return { releaseId: input.id, alreadyActive: true, customers: 0, clusters: 0, excluded: 0, templateSteps: 0, stepsCreated: 0 };
    }
    const [{ n: templateSteps }] = await tx
      .select({ n: count() })
      .from(stepTemplates)
      .where(and(eq(stepTemplates.releaseId, input.id), isNull(stepTemplates.deletedAt)));
    // Spec 7.3: a hotfix may target specific customers with custom steps only, so a release with
    // no template steps can start for chosen customers; for everyone it would create nothing.
    if (templateSteps === 0 && input.mode === "all") {
      throw invalidState(
        "This release has no template steps, so activating it for everyone would create nothing. Add a deploy or verify step, or choose the customers who get custom steps.",
      );
    }

    const chosen =
      input.mode === "clusters"
        ? inArray(customers.clusterId, input.clusterIds)
        : input.mode === "customers"
          ? inArray(customers.id, input.customerIds)
          : sql`true`;
    await tx
      .insert(releaseCustomers)
      .select(
        eligibleMembers(tx, input.id, sql<Membership>`(case when ${chosen} then 'included' else 'excluded' end)::release_membership`),
      )
      .onConflictDoNothing({ target: [releaseCustomers.releaseId, releaseCustomers.customerId] });
    const included = sql`${releaseCustomers.membership} = 'included'`;
    const [counts] = await tx
      .select({
        included: sql<number>`count(*) filter (where ${included})`.mapWith(Number),
        excluded: sql<number>`count(*) filter (where ${releaseCustomers.membership} = 'excluded')`.mapWith(Number),
        clusters: sql<number>`count(distinct ${customers.clusterId}) filter (where ${included})`.mapWith(Number),
      })
      .from(releaseCustomers)
      .innerJoin(customers, eq(customers.id, releaseCustomers.customerId))
      .where(eq(releaseCustomers.releaseId, input.id));
    if (input.mode !== "all" && counts.included === 0) {
      throw invalidState("None of the chosen customers is active on an active cluster, so nobody would get steps.");
    }

    const stepsCreated = await copyTemplatesToCustomers(tx, { releaseId: input.id, origin: "activation" });
    const track = await copyTrackStages(tx, input.id, actor);
    const scope = counts.excluded === 0 ? "all" : "selected";
    await tx.execute(sql`
      update releases set status = 'active', scope = ${scope}::release_scope, activated_at = now(), updated_at = now()
      where id = ${input.id}
    `);
    await recordAudit(tx, actor, {
      action: "release.activate",
      entityType: "release",
      entityId: input.id,
      summary:
        `Activated "${release.name}": ${counts.included} customers in ${counts.clusters} clusters, ${stepsCreated} customer steps` +
        (counts.excluded ? ` (${counts.excluded} customers left out)` : "") +
        (track.stages.length ? `; stages ${track.stages.join(" → ")}${track.firstOpen ? `, ${track.stages[0]} open` : ""}` : ""),
      before: { status: "draft" },
      after: { status: "active", scope, mode: input.mode, customers: counts.included, excluded: counts.excluded, stepsCreated, stages: track.stages },
    });
    return {
      releaseId: input.id,
      alreadyActive: false,
      customers: counts.included,
      clusters: counts.clusters,
      excluded: counts.excluded,
      templateSteps,
      stepsCreated,
    };
  });
}

/**
 * Adds customers to an active release that was narrowed at activation (or that they joined too
 * late for): membership becomes "included" and their template copies are created set-based with
 * origin "scope_added". The release keeps scope "selected": customers created later still do not
 * join it automatically (BR-S06 is for all-customer releases), even if everyone is now included.
 */
export async function addCustomersToRelease(
  input: { id: number; customerIds: number[] },
  actor: Actor,
): Promise<{ customersAdded: number; stepsCreated: number }> {
  return getDb().transaction(async (tx) => {
    const release = await lockRelease(tx, input.id);
    assertActive(release.status, "take more customers");
    const added = await tx
      .insert(releaseCustomers)
      .select(eligibleMembers(tx, input.id, sql<Membership>`'included'`, inArray(customers.id, input.customerIds)))
      .onConflictDoUpdate({
        target: [releaseCustomers.releaseId, releaseCustomers.customerId],
        set: { membership: "included", changedAt: sql`now()` },
        setWhere: sql`${releaseCustomers.membership} = 'excluded'`,
      })
      .returning({ customerId: releaseCustomers.customerId });
    const ids = added.map((r) => r.customerId);
    const stepsCreated = ids.length
      ? await copyTemplatesToCustomers(tx, { releaseId: input.id, origin: "scope_added", customerIds: ids })
      : 0;
    if (ids.length) {
      await recordAudit(tx, actor, {
        action: "release.add_customers",
        entityType: "release",
        entityId: input.id,
        summary: `Added ${ids.length} customer(s) to "${release.name}" (${stepsCreated} customer steps)`,
        after: { customerIds: ids, stepsCreated },
      });
    }
    return { customersAdded: ids.length, stepsCreated };
  });
}
