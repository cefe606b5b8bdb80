import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { customerSteps } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { invalidState } from "@/lib/domain/errors";
import { addTemplateStep } from "@/lib/domain/templates/mutations/templates";
import type { StepRow } from "@/lib/domain/steps/mutations/guard";

/**
 * "Add to template" from the custom step dialog (FCS-003, BR-S06): the step becomes a template step
 * of the release and every included customer gets it at once (the template layer's own fan-out).
 * Returns the copy that landed in this customer's checklist.
 */
export async function addStepToTemplate(
  tx: Tx,
  input: {
    releaseId: number;
    customerId: number;
    name: string;
    category: StepRow["category"];
    type: StepRow["type"];
    content: string;
    description: string;
    needsReview: boolean;
    execution: StepRow["execution"];
    /** After this template step; null = first; undefined = last. */
    afterTemplateId: number | null | undefined;
    actor: Actor;
  },
): Promise<{ step: StepRow; templateId: number; customerStepsCreated: number }> {
  const { templateId, customerStepsCreated } = await addTemplateStep(
    tx,
    {
      releaseId: input.releaseId,
      name: input.name,
      category: input.category,
      type: input.type,
      content: input.content,
      description: input.description,
      needsReview: input.needsReview,
      execution: input.execution,
      position: input.afterTemplateId === undefined ? undefined : { afterTemplateId: input.afterTemplateId },
    },
    input.actor,
  );
  const [step] = await tx
    .select()
    .from(customerSteps)
    .where(and(eq(customerSteps.templateId, templateId), eq(customerSteps.customerId, input.customerId)));
  if (!step) throw invalidState("The step was added to the template, but this customer did not receive it.");
  return { step, templateId, customerStepsCreated };
}
