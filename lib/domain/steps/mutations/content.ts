import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db, type DbOrTx } from "@/db/client";
import { stepTemplates } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidField, invalidState } from "@/lib/domain/errors";
import { normaliseContent } from "@/lib/domain/shared/input";
import { yamlContentProblem } from "@/lib/domain/shared/yaml";
import { assertKnownVariables } from "@/lib/domain/content/model/check";
import { knownVariableNames } from "@/lib/domain/content/queries/known-names";
import type { OverrideInput, StepOnlyInput } from "../input";
import { appendEvent, applyChange, assertUnlocked, cancelQueuedRunOf, loadForChange, type StepRow } from "./guard";

type Options = { db?: Db };

/** A step whose own content changes: this actor is its author, and any review was of other text. */
export const newContent = (actor: Actor) => ({ contentById: actor.id, reviewedById: null, reviewedAt: null });

async function templateOf(tx: DbOrTx, step: StepRow) {
  if (step.templateId === null) return undefined;
  const [template] = await tx.select().from(stepTemplates).where(eq(stepTemplates.id, step.templateId));
  return template;
}

/**
 * FCS-002, BR-S02: this customer's copy of a template step gets its own content. The link to the
 * template stays (for "View original" and "Reset to template"), and later template edits leave
 * the copy alone (BR-S08). Content identical to the template's is refused — that is what "Reset
 * to template" is for — and so is content identical to what the step already has (no change).
 * A YAML step's new content must parse (the first syntax error, with line and column, is the
 * content's field error).
 */
export async function overrideStepContent(input: OverrideInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    if (step.isCustom) throw invalidState("This is a custom step: edit it instead of overriding it.");
    assertUnlocked(step, "override its content");
    const template = await templateOf(tx, step);
    // Stored text written before content was normalised compares in the same normal form.
    if (input.content === normaliseContent(step.content)) throw invalidField("content", "The content is unchanged: there is nothing to override.");
    if (template && input.content === normaliseContent(template.content)) {
      throw invalidField("content", "This is the template's content. Use \"Reset to template\" to go back to it.");
    }
    // The input schema cannot see the step's type; a YAML step's override must still be YAML.
    const yamlProblem = step.type === "yaml" ? yamlContentProblem(input.content) : null;
    if (yamlProblem) throw invalidField("content", yamlProblem);
    await assertKnownVariables({ content: input.content }, () => knownVariableNames(tx, step.releaseId));
    // The template as it is now is what this override departs from: drift is measured from here.
    const row = await applyChange(tx, step, { content: input.content, isOverridden: true, overrideBase: template?.content ?? null, ...newContent(actor) }, actor);
    await cancelQueuedRunOf(tx, row, actor, "overrode the step's content");
    await appendEvent(tx, row, "content_overridden", actor, { previousContent: step.content, wasOverridden: step.isOverridden });
    await recordAudit(tx, actor, {
      action: "customer_step.override",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Overrode the content of "${row.name}"`,
      before: { content: step.content, isOverridden: step.isOverridden },
      after: { content: row.content, isOverridden: true },
    });
    return row;
  });
}

/** FCS-005: back to the template's current name, type, content and description. */
export async function resetStepToTemplate(input: StepOnlyInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    if (step.isCustom) throw invalidState("A custom step has no template to reset to.");
    if (!step.isOverridden) throw invalidState("This step already follows its template: there is no override to reset.");
    assertUnlocked(step, "reset it to the template");
    const template = await templateOf(tx, step);
    if (!template) throw invalidState("The template step this came from no longer exists.");
    const row = await applyChange(
      tx,
      step,
      {
        name: template.name,
        type: template.type,
        content: template.content,
        description: template.description,
        execution: template.execution,
        isOverridden: false,
        overrideBase: null,
        contentById: null, // the template's author again
        reviewedById: null,
        reviewedAt: null,
      },
      actor,
    );
    await cancelQueuedRunOf(tx, row, actor, "reset the step to its template");
    await appendEvent(tx, row, "reset_to_template", actor, { previousContent: step.content });
    await recordAudit(tx, actor, {
      action: "customer_step.reset_to_template",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Reset "${row.name}" to the template`,
      before: { content: step.content, isOverridden: true },
      after: { content: row.content, isOverridden: false },
    });
    return row;
  });
}

/**
 * Drift: the template of an overridden step changed after the override. "Keep my override" says
 * the customer's content stays as it is, having seen the change: the marker clears (the base moves
 * to the template as it is now). "Take the new template" is resetStepToTemplate.
 */
export async function keepOverride(input: StepOnlyInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    if (!step.isOverridden) throw invalidState("This step is not overridden: there is no override to keep.");
    assertUnlocked(step, "keep its override");
    const template = await templateOf(tx, step);
    if (!template || template.deletedAt) throw invalidState("The template step this came from was deleted: there is nothing to compare with.");
    if (step.overrideBase === template.content) throw invalidState("The template has not changed since this override: there is nothing to confirm.");
    const row = await applyChange(tx, step, { overrideBase: template.content }, actor);
    await appendEvent(tx, row, "override_kept", actor, { templateVersion: template.version, previousBase: step.overrideBase });
    await recordAudit(tx, actor, {
      action: "customer_step.keep_override",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Kept the override of "${row.name}" after a template change`,
      before: { templateContentWhenOverridden: step.overrideBase },
      after: { templateContent: template.content },
    });
    return row;
  });
}
