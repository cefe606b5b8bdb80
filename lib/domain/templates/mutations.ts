import "server-only";
// TEMPORARY STUB on the execution branch: the releases branch owns this file and its real
// addTemplateStep (positions, renumbering, audit). Replace this file with theirs at merge.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { stepTemplates } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/record";
import { copyTemplatesToCustomers } from "./fanout";

export type AddTemplateStepInput = {
  releaseId: number;
  name: string;
  category: "deploy" | "verify";
  type: "bash" | "sql" | "text" | "yaml";
  content: string;
  description: string;
  /** After this template step; null = first; omitted = last. (The stub always appends.) */
  position?: { afterTemplateId?: number | null };
};

/** Adds a template step to a release and, if it is active, gives it to every included customer. */
export async function addTemplateStep(
  tx: DbOrTx,
  input: AddTemplateStepInput,
  actor: Actor,
): Promise<{ templateId: number; customerStepsCreated: number }> {
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${stepTemplates.orderIndex}) + 1, 0)::int` })
    .from(stepTemplates)
    .where(and(eq(stepTemplates.releaseId, input.releaseId), eq(stepTemplates.category, input.category), isNull(stepTemplates.deletedAt)));
  const [template] = await tx
    .insert(stepTemplates)
    .values({
      releaseId: input.releaseId,
      name: input.name,
      category: input.category,
      type: input.type,
      content: input.content,
      description: input.description,
      orderIndex: next,
    })
    .returning({ id: stepTemplates.id });
  const customerStepsCreated = await copyTemplatesToCustomers(tx, {
    releaseId: input.releaseId,
    origin: "template_added",
    templateIds: [template.id],
  });
  await recordAudit(tx, actor, {
    action: "step_template.add",
    entityType: "step_template",
    entityId: template.id,
    summary: `Added template step "${input.name}" (${customerStepsCreated} customer steps)`,
  });
  return { templateId: template.id, customerStepsCreated };
}
