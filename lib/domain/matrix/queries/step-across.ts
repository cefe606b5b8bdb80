import "server-only";
import { awaitingReview } from "@/lib/domain/steps/queries/review-sql";
import { diffLines } from "diff";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/db/client";
// `clusters` names the result below.
import { clusters as clusterTable, customerSteps, customers, releaseCustomers, releases, stepTemplates, users } from "@/db/schema";
import { hasVariables, render, TemplateSyntaxError, valuesFor } from "@/lib/domain/content/model/variables";
import { highlight } from "@/lib/highlight";
import { getMatrixRelease } from "@/lib/domain/matrix/queries/matrix";
import type { AcrossCustomer, RowClusterCounts, StepAcross } from "@/lib/domain/matrix/types";
import type { StepStatus } from "@/db/schema/vocabulary";

const iso = (v: Date | null) => (v === null ? null : v.toISOString());

/** Line diff that ignores a missing final newline on one side (as the side panel's). */
function lineDiff(from: string, to: string) {
  const eol = (s: string) => (s === "" || s.endsWith("\n") ? s : `${s}\n`);
  return diffLines(eol(from), eol(to));
}

const add = (a: RowClusterCounts, s: StepStatus | null, overridden: boolean) => {
  if (s === null) return;
  a.total++;
  if (s === "done") a.done++;
  if (s === "skipped") a.skipped++;
  if (overridden) a.overridden++;
};

/**
 * Step across customers (FV-005): one template step's copy for every customer of the release,
 * grouped by cluster, with overridden copies' differences from the template. Two queries.
 */
export async function getStepAcross(releaseId: number, templateId: number, db: DbOrTx = getDb()): Promise<StepAcross | null> {
  const release = await getMatrixRelease(releaseId, db);
  if (!release) return null;
  // The template's number among the category's live template steps (1-based).
  const earlier = alias(stepTemplates, "o");
  const before = db
    .select({ n: sql`count(*)` })
    .from(earlier)
    .where(
      and(
        eq(earlier.releaseId, stepTemplates.releaseId),
        eq(earlier.category, stepTemplates.category),
        isNull(earlier.deletedAt),
        lt(earlier.orderIndex, stepTemplates.orderIndex),
      ),
    );
  const [template] = await db
    .select({
      id: stepTemplates.id,
      name: stepTemplates.name,
      category: stepTemplates.category,
      type: stepTemplates.type,
      description: stepTemplates.description,
      content: stepTemplates.content,
      execution: stepTemplates.execution,
      deleted: sql<boolean>`${stepTemplates.deletedAt} is not null`,
      number: sql`${before} + 1`.mapWith(Number),
    })
    .from(stepTemplates)
    .where(and(eq(stepTemplates.id, templateId), eq(stepTemplates.releaseId, releaseId)));
  if (!template) return null;
  const rows = await db
    .select({
      customerId: customers.id,
      customerName: customers.name,
      namespace: customers.namespace,
      isActive: customers.isActive,
      clusterId: clusterTable.id,
      clusterName: clusterTable.name,
      stepId: customerSteps.id,
      status: customerSteps.status,
      runState: customerSteps.runState,
      isOverridden: customerSteps.isOverridden,
      version: customerSteps.version,
      // Its own text when it may differ from the template's: an override, or a copy a template
      // edit no longer reached (edits reach pending copies only).
      content: sql<string | null>`case when ${customerSteps.isOverridden} or ${customerSteps.status} <> 'pending' then ${customerSteps.content} end`,
      executedAt: customerSteps.executedAt,
      executedByName: users.name,
      skipReason: customerSteps.skipReason,
      notes: customerSteps.notes,
      updatedAt: customerSteps.updatedAt,
      // The values variables take for this customer (read only when the template has any).
      customerMetadata: customers.metadata,
      cluster: { kubeconfigPath: clusterTable.kubeconfigPath, metadata: clusterTable.metadata },
      release: { name: releases.name, versionNumber: releases.versionNumber, metadata: releases.metadata },
    })
    .from(releaseCustomers)
    .innerJoin(customers, eq(customers.id, releaseCustomers.customerId))
    .innerJoin(clusterTable, eq(clusterTable.id, customers.clusterId))
    .innerJoin(releases, eq(releases.id, releaseCustomers.releaseId))
    .leftJoin(
      customerSteps,
      and(
        eq(customerSteps.releaseId, releaseCustomers.releaseId),
        eq(customerSteps.customerId, releaseCustomers.customerId),
        eq(customerSteps.templateId, templateId),
        isNull(customerSteps.removedAt),
      ),
    )
    .leftJoin(users, eq(users.id, customerSteps.executedById))
    .where(and(eq(releaseCustomers.releaseId, releaseId), sql`${releaseCustomers.membership} = 'included'`))
    .orderBy(clusterTable.name, clusterTable.id, customers.name, customers.id);
  const templateUses = hasVariables(template.content) || rows.some((r) => r.content !== null && hasVariables(r.content));
  /**
   * Each customer's content as it runs for them, an override diffed against the template rendered
   * for the same customer: only what the override changes shows, never the namespace that differs
   * for everyone, so the odd one out stands out.
   */
  const asRun = (r: (typeof rows)[number]): Pick<AcrossCustomer, "diff" | "rendered" | "missing"> => {
    const own = r.content ?? template.content;
    if (!templateUses) return { diff: r.isOverridden ? lineDiff(template.content, own) : null, rendered: null, missing: [] };
    const values = valuesFor({
      customer: { name: r.customerName, namespace: r.namespace, metadata: r.customerMetadata },
      cluster: { name: r.clusterName, ...r.cluster },
      release: r.release,
    });
    try {
      const base = render(template.content, values);
      const mine = own === template.content ? base : render(own, values);
      return { diff: r.isOverridden ? lineDiff(base.text, mine.text) : null, rendered: mine.text, missing: mine.missing };
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      return { diff: null, rendered: null, missing: [] };
    }
  };
  const total: RowClusterCounts = { total: 0, done: 0, skipped: 0, overridden: 0 };
  const clusters: StepAcross["clusters"] = [];
  for (const r of rows) {
    let group = clusters.at(-1);
    if (!group || group.id !== r.clusterId) {
      group = { id: r.clusterId, name: r.clusterName, customers: [], counts: { total: 0, done: 0, skipped: 0, overridden: 0 } };
      clusters.push(group);
    }
    const entry: AcrossCustomer = {
      customer: { id: r.customerId, name: r.customerName, namespace: r.namespace, isActive: r.isActive },
      step:
        r.stepId === null || r.status === null
          ? null
          : {
              id: r.stepId,
              status: r.status,
              runState: r.runState ?? null,
              isOverridden: Boolean(r.isOverridden),
              version: r.version ?? 1,
              executedAt: iso(r.executedAt),
              executedByName: r.executedByName,
              skipReason: r.skipReason,
              notes: r.notes ?? "",
              updatedAt: iso(r.updatedAt) ?? "",
            },
      ...asRun(r),
    };
    group.customers.push(entry);
    add(group.counts, r.status, Boolean(r.isOverridden));
    add(total, r.status, Boolean(r.isOverridden));
  }
  const html = await highlight(template.content, template.type);
  // Open copies waiting for their four-eyes review (one reviewer can do them all at once).
  const [waiting] = await db
    .select({ n: sql`count(*)`.mapWith(Number) })
    .from(customerSteps)
    .innerJoin(customers, eq(customers.id, customerSteps.customerId))
    .where(sql`${customerSteps.releaseId} = ${releaseId} and ${customerSteps.templateId} = ${templateId} and ${customerSteps.removedAt} is null
      and ${customers.isActive} and ${customerSteps.status} in ('pending', 'reverted') and ${awaitingReview("customer_steps")}`);
  return { release, template: { ...template, html }, clusters, counts: total, awaitingReview: waiting?.n ?? 0 };
}
