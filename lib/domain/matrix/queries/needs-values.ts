import "server-only";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clusters, customerSteps, customers, releases, stepTemplates } from "@/db/schema";
import { hasVariables, TemplateSyntaxError, valuesFor, variablesIn } from "@/lib/domain/content/model/variables";
import type { StepCategory } from "@/db/schema/vocabulary";

const usesVariables = (name: typeof stepTemplates.name | typeof customerSteps.name, content: typeof stepTemplates.content | typeof customerSteps.content) =>
  or(sql`${content} like '%{{%'`, sql`${name} like '%{{%'`);

function namesIn(...texts: string[]): string[] {
  try {
    return [...new Set(texts.filter(hasVariables).flatMap(variablesIn))];
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return []; // said in the panel, not here
    throw error;
  }
}

/**
 * Which open (pending or reverted) steps of these customers cannot run as written because the
 * customer lacks a value one of their variables needs ("needs a value" in the matrix). Costs
 * one small read when no step of the category uses variables; otherwise the steps that use them
 * and the values of the customers asked about. Plain copies use their template's text (the same
 * text by definition); overridden and custom steps their own.
 */
export async function stepsNeedingValues(
  db: DbOrTx,
  releaseId: number,
  category: StepCategory,
  cells: { id: number; customerId: number; templateId: number | null; overridden: boolean; custom: boolean; status: string }[],
): Promise<Set<number>> {
  const open = cells.filter((c) => c.status === "pending" || c.status === "reverted");
  if (open.length === 0) return new Set();
  const templates = await db
    .select({ id: stepTemplates.id, name: stepTemplates.name, content: stepTemplates.content })
    .from(stepTemplates)
    .where(and(eq(stepTemplates.releaseId, releaseId), eq(stepTemplates.category, category), usesVariables(stepTemplates.name, stepTemplates.content)));
  const own = await db
    .select({ id: customerSteps.id, name: customerSteps.name, content: customerSteps.content })
    .from(customerSteps)
    .where(
      and(
        eq(customerSteps.releaseId, releaseId),
        eq(customerSteps.category, category),
        isNull(customerSteps.removedAt),
        // Their own text: overrides, custom steps, and reverted copies (template edits reach pending copies only).
        or(eq(customerSteps.isOverridden, true), eq(customerSteps.isCustom, true), eq(customerSteps.status, "reverted")),
        inArray(customerSteps.status, ["pending", "reverted"]),
        usesVariables(customerSteps.name, customerSteps.content),
      ),
    );
  if (templates.length === 0 && own.length === 0) return new Set();
  const byTemplate = new Map(templates.map((t) => [t.id, namesIn(t.name, t.content)]));
  const byStep = new Map(own.map((s) => [s.id, namesIn(s.name, s.content)]));
  const namesOf = (c: (typeof open)[number]) =>
    (c.overridden || c.custom || c.status === "reverted" ? byStep.get(c.id) : c.templateId !== null ? byTemplate.get(c.templateId) : undefined) ?? [];
  const using = open.filter((c) => namesOf(c).length > 0);
  if (using.length === 0) return new Set();

  const ids = [...new Set(using.map((c) => c.customerId))];
  const sources = await db
    .select({
      id: customers.id,
      name: customers.name,
      namespace: customers.namespace,
      metadata: customers.metadata,
      cluster: { name: clusters.name, kubeconfigPath: clusters.kubeconfigPath, metadata: clusters.metadata },
      release: { name: releases.name, versionNumber: releases.versionNumber, metadata: releases.metadata },
    })
    .from(customers)
    .innerJoin(clusters, eq(clusters.id, customers.clusterId))
    .innerJoin(releases, eq(releases.id, releaseId))
    .where(inArray(customers.id, ids));
  const values = new Map(sources.map((s) => [s.id, valuesFor({ customer: s, cluster: s.cluster, release: s.release })]));
  const needing = new Set<number>();
  for (const c of using) {
    const v = values.get(c.customerId);
    if (v && namesOf(c).some((n) => !v[n])) needing.add(c.id);
  }
  return needing;
}

/** Overridden steps (of these cells) whose template's content changed since the override ("template changed"). */
export async function stepsWithDrift(db: DbOrTx, releaseId: number, category: StepCategory, cells: { id: number; overridden: boolean }[]): Promise<Set<number>> {
  if (!cells.some((c) => c.overridden)) return new Set();
  const rows = await db
    .select({ id: customerSteps.id })
    .from(customerSteps)
    .innerJoin(stepTemplates, eq(stepTemplates.id, customerSteps.templateId))
    .where(
      and(
        eq(customerSteps.releaseId, releaseId),
        eq(customerSteps.category, category),
        eq(customerSteps.isOverridden, true),
        isNull(customerSteps.removedAt),
        isNull(stepTemplates.deletedAt),
        sql`${customerSteps.overrideBase} is distinct from ${stepTemplates.content}`,
      ),
    );
  return new Set(rows.map((r) => r.id));
}
