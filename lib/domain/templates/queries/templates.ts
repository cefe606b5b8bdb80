import "server-only";
import { and, asc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customerSteps, stepTemplates } from "@/db/schema";
import { highlight } from "@/lib/highlight";
import type { TemplateStepView } from "@/lib/domain/templates/types";
import type { StepCategory } from "@/db/schema/vocabulary";

/** A release's live template steps matching `where`, with how many copies an edit would touch. */
function select(releaseId: number, where?: SQL) {
  const db = getDb();
  const pendingOwn = sql`${customerSteps.status} = 'pending' and not ${customerSteps.isOverridden}`;
  const impact = db
    .select({
      templateId: customerSteps.templateId,
      untouched: sql<number>`count(*) filter (where ${pendingOwn})`.mapWith(Number).as("untouched"),
      kept: sql<number>`count(*) filter (where not (${pendingOwn}))`.mapWith(Number).as("kept"),
    })
    .from(customerSteps)
    .where(and(eq(customerSteps.releaseId, releaseId), isNull(customerSteps.removedAt), isNotNull(customerSteps.templateId)))
    .groupBy(customerSteps.templateId)
    .as("i");
  return db
    .select({
      id: stepTemplates.id,
      releaseId: stepTemplates.releaseId,
      name: stepTemplates.name,
      category: stepTemplates.category,
      type: stepTemplates.type,
      content: stepTemplates.content,
      description: stepTemplates.description,
      orderIndex: stepTemplates.orderIndex,
      version: stepTemplates.version,
      needsReview: stepTemplates.needsReview,
      execution: stepTemplates.execution,
      untouchedCopies: sql<number>`coalesce(${impact.untouched}, 0)`.mapWith(Number),
      keptCopies: sql<number>`coalesce(${impact.kept}, 0)`.mapWith(Number),
    })
    .from(stepTemplates)
    .leftJoin(impact, eq(impact.templateId, stepTemplates.id))
    .where(and(eq(stepTemplates.releaseId, releaseId), isNull(stepTemplates.deletedAt), where))
    .orderBy(asc(stepTemplates.category), asc(stepTemplates.orderIndex), asc(stepTemplates.id));
}

type Row = Awaited<ReturnType<typeof select>>[number];

async function toView(r: Row): Promise<TemplateStepView> {
  return { ...r, html: await highlight(r.content, r.type) };
}

/** A release's live template steps by category, in order, highlighted, with edit impact. */
export async function getTemplateSteps(releaseId: number): Promise<Record<StepCategory, TemplateStepView[]>> {
  const rows = await select(releaseId);
  const views = await Promise.all(rows.map(toView));
  return { deploy: views.filter((v) => v.category === "deploy"), verify: views.filter((v) => v.category === "verify") };
}

export async function getTemplateStep(releaseId: number, templateId: number): Promise<TemplateStepView | null> {
  const [row] = await select(releaseId, eq(stepTemplates.id, templateId));
  return row ? toView(row) : null;
}
