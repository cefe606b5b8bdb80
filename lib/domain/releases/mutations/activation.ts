import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState } from "@/lib/domain/errors";
import { copyTemplatesToCustomers, sqlList } from "@/lib/domain/templates/mutations/fanout";
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

/** Customers that can take part in anything: active, on an active cluster that still exists. */
const eligible = sql`customers c join clusters k on k.id = c.cluster_id and k.is_active and k.deleted_at is null where c.is_active`;

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
    const [{ n: templateSteps }] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from step_templates where release_id = ${input.id} and deleted_at is null`),
    );
    if (templateSteps === 0) {
      throw invalidState("This release has no template steps yet. Add at least one deploy or verify step before activating.");
    }

    const chosen =
      input.mode === "clusters"
        ? sql`c.cluster_id in ${sqlList(input.clusterIds)}`
        : input.mode === "customers"
          ? sql`c.id in ${sqlList(input.customerIds)}`
          : sql`true`;
    await tx.execute(sql`
      insert into release_customers (release_id, customer_id, membership)
      select ${input.id}, c.id, (case when ${chosen} then 'included' else 'excluded' end)::release_membership
      from ${eligible}
      on conflict (release_id, customer_id) do nothing
    `);
    const [counts] = rowsOf<{ included: number; excluded: number; clusters: number }>(
      await tx.execute(sql`
        select count(*) filter (where rc.membership = 'included')::int as included,
               count(*) filter (where rc.membership = 'excluded')::int as excluded,
               count(distinct c.cluster_id) filter (where rc.membership = 'included')::int as clusters
        from release_customers rc join customers c on c.id = rc.customer_id
        where rc.release_id = ${input.id}
      `),
    );
    if (input.mode !== "all" && counts.included === 0) {
      throw invalidState("None of the chosen customers is active on an active cluster, so nobody would get steps.");
    }

    const stepsCreated = await copyTemplatesToCustomers(tx, { releaseId: input.id, origin: "activation" });
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
        (counts.excluded ? ` (${counts.excluded} customers left out)` : ""),
      before: { status: "draft" },
      after: { status: "active", scope, mode: input.mode, customers: counts.included, excluded: counts.excluded, stepsCreated },
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
    const added = rowsOf<{ customer_id: number }>(
      await tx.execute(sql`
        insert into release_customers (release_id, customer_id, membership)
        select ${input.id}, c.id, 'included' from ${eligible} and c.id in ${sqlList(input.customerIds)}
        on conflict (release_id, customer_id) do update set membership = 'included', changed_at = now()
          where release_customers.membership = 'excluded'
        returning customer_id
      `),
    );
    const ids = added.map((r) => r.customer_id);
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
