import "server-only";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { affectedRows, getDb, type DbOrTx } from "@/db/client";
import { customerSteps, stepTemplates } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { conflict, invalidField, invalidState, notFound } from "@/lib/domain/errors";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import { assertNotArchived } from "@/lib/domain/releases/model/rules";
import { staleConflict } from "@/lib/domain/releases/mutations/stale";
import { copyTemplatesToCustomers } from "./fanout";
import { assertKnownVariables } from "@/lib/domain/content/model/check";
import { knownVariableNames } from "@/lib/domain/content/queries/known-names";
import type { CreateTemplateInput, ReorderTemplatesInput, UpdateTemplateInput } from "@/lib/domain/templates/input";
import { assignTemplateOrder, remapCustomerOrder } from "@/lib/domain/templates/mutations/order";
import { liftRefusal } from "@/lib/domain/steps/model/four-eyes";
import { insertPlan, isPermutation, removePlan, reorderPlan } from "@/lib/domain/templates/model/ordering";
import type { StepCategory, StepExecution, StepType } from "@/db/schema/vocabulary";
import { cancelQueuedItems } from "@/lib/domain/runs/mutations/cancel-queued";

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

type LiveStep = { id: number; orderIndex: number };

async function liveSteps(tx: DbOrTx, releaseId: number, category: StepCategory): Promise<LiveStep[]> {
  return tx
    .select({ id: stepTemplates.id, orderIndex: stepTemplates.orderIndex })
    .from(stepTemplates)
    .where(and(eq(stepTemplates.releaseId, releaseId), eq(stepTemplates.category, category), isNull(stepTemplates.deletedAt)))
    .orderBy(asc(stepTemplates.orderIndex), asc(stepTemplates.id));
}

export type AddTemplateStep = {
  releaseId: number;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string;
  needsReview?: boolean;
  execution?: StepExecution;
  /** Omitted: at the end of its category. `afterTemplateId: null`: first. */
  position?: { afterTemplateId?: number | null };
};

/**
 * FS-001, and "Add to template" from a custom-step dialog (BR-S06): adds a template step inside
 * the caller's transaction. In an active release every included customer gets a copy at once
 * (one INSERT … SELECT, origin "template_added"), and the customer steps after the insert point
 * (copies and custom steps alike) move up by one so the new copy lands in the same place.
 */
export async function addTemplateStep(
  tx: DbOrTx,
  step: AddTemplateStep,
  actor: Actor,
): Promise<{ templateId: number; customerStepsCreated: number }> {
  const release = await lockRelease(tx, step.releaseId);
  assertNotArchived(release.status);
  await assertKnownVariables({ name: step.name, content: step.content }, () => knownVariableNames(tx, step.releaseId));
  const current = await liveSteps(tx, step.releaseId, step.category);
  const plan = insertPlan(current, step.position ? (step.position.afterTemplateId ?? null) : undefined);
  if ("error" in plan) throw invalidState(`The step to insert after is not a ${step.category} step of this release any more. Reload and try again.`);

  await assignTemplateOrder(tx, step.releaseId, plan.assignments);
  if (release.status === "active") {
    await remapCustomerOrder(tx, { releaseId: step.releaseId, category: step.category, mapping: plan.mapping });
  }
  const [row] = await tx
    .insert(stepTemplates)
    .values({
      releaseId: step.releaseId,
      name: step.name,
      category: step.category,
      type: step.type,
      content: step.content,
      description: step.description,
      orderIndex: plan.orderIndex,
      needsReview: step.needsReview ?? false,
      execution: step.execution ?? "manual",
      contentById: actor.id,
    })
    .returning({ id: stepTemplates.id });
  const customerStepsCreated =
    release.status === "active"
      ? await copyTemplatesToCustomers(tx, { releaseId: step.releaseId, origin: "template_added", templateIds: [row.id] })
      : 0;
  await recordAudit(tx, actor, {
    action: "template.create",
    entityType: "step_template",
    entityId: row.id,
    summary:
      `Added ${step.category} step "${step.name}" to "${release.name}"` +
      (release.status === "active" ? ` (${customerStepsCreated} customer steps)` : ""),
    after: { releaseId: step.releaseId, name: step.name, category: step.category, type: step.type, execution: step.execution ?? "manual", orderIndex: plan.orderIndex },
  });
  return { templateId: row.id, customerStepsCreated };
}

export async function createTemplateStep(input: Optional<CreateTemplateInput, "needsReview" | "execution">, actor: Actor) {
  const { afterTemplateId, ...step } = input;
  return getDb().transaction((tx) =>
    addTemplateStep(tx, { ...step, position: afterTemplateId === undefined ? undefined : { afterTemplateId } }, actor),
  );
}

async function lockTemplate(tx: DbOrTx, templateId: number) {
  const [ref] = await tx.select({ releaseId: stepTemplates.releaseId }).from(stepTemplates).where(eq(stepTemplates.id, templateId));
  if (!ref) throw notFound("The template step");
  // Release first, then template: the same lock order as every other template change.
  const release = await lockRelease(tx, ref.releaseId);
  assertNotArchived(release.status);
  const [template] = await tx.select().from(stepTemplates).where(eq(stepTemplates.id, templateId)).for("update");
  return { release, template };
}

/**
 * Customer copies a template change may still touch (BR-R02, BR-S07): pending, own content,
 * present — and not running on an agent (what runs was fixed when it was claimed).
 */
const untouched = sql`${customerSteps.status} = 'pending' and not ${customerSteps.isOverridden} and ${customerSteps.removedAt} is null and ${customerSteps.runState} is distinct from 'running'`;

/**
 * FS-002 with optimistic concurrency (the form carries `version`). In an active release the
 * customer copies that are pending, not overridden and not removed follow the edit in one
 * UPDATE, and each gets an "edited_via_template" event in the same statement (a CTE); done,
 * skipped, reverted and overridden copies are left exactly as they are (BR-S07, BR-S08).
 */
export async function updateTemplateStep(
  input: Optional<UpdateTemplateInput, "needsReview" | "execution">,
  actor: Actor,
): Promise<{ id: number; releaseId: number; version: number; copiesUpdated: number; copiesKept: number; queuedCancelled: number }> {
  return getDb().transaction(async (tx) => {
    const { release, template } = await lockTemplate(tx, input.id);
    if (template.deletedAt) throw conflict("This template step was deleted in the meantime. Nothing was saved.");
    if (template.version !== input.version) {
      throw await staleConflict(tx, { entityType: "step_template", entityId: input.id, what: `"${template.name}"` });
    }
    // Left out (a caller that predates four eyes): stays as it is.
    const needsReview = input.needsReview ?? template.needsReview;
    const execution = input.execution ?? template.execution;
    const unchanged =
      template.name === input.name &&
      template.category === input.category &&
      template.type === input.type &&
      template.content === input.content &&
      template.description === input.description &&
      template.needsReview === needsReview &&
      template.execution === execution;
    if (unchanged) return { id: input.id, releaseId: template.releaseId, version: template.version, copiesUpdated: 0, copiesKept: 0, queuedCancelled: 0 };
    // Whoever changes what runs is its author: the one person who may not review its copies.
    // How it runs is part of what runs: a change of mode is new content, as a change of text is.
    const textChanged = template.name !== input.name || template.content !== input.content || template.type !== input.type || template.execution !== execution;
    // Four eyes cannot be lifted by the one person it guards against, nor with new content.
    const refusal = liftRefusal({ wasRequired: template.needsReview, required: needsReview, contentChanged: textChanged, authorId: template.contentById, actorId: actor.id });
    if (refusal) throw invalidField("needsReview", refusal);
    await assertKnownVariables({ name: input.name, content: input.content }, () => knownVariableNames(tx, template.releaseId));

    const moved = template.category !== input.category;
    let orderIndex = template.orderIndex;
    let oldCategoryMapping: ReturnType<typeof removePlan>["mapping"] = [];
    if (moved) {
      const plan = removePlan(await liveSteps(tx, template.releaseId, template.category), template.id);
      await assignTemplateOrder(tx, template.releaseId, plan.assignments);
      oldCategoryMapping = plan.mapping;
      orderIndex = (await liveSteps(tx, template.releaseId, input.category)).length;
    }
    const version = template.version + 1;
    await tx.execute(sql`
      update step_templates
      set name = ${input.name}, category = ${input.category}::step_category, type = ${input.type}::step_type,
          content = ${input.content}, description = ${input.description}, order_index = ${orderIndex},
          needs_review = ${needsReview}, execution = ${execution}, content_by_id = ${textChanged ? actor.id : template.contentById},
          version = ${version}, updated_at = now()
      where id = ${input.id}
    `);

    let copiesUpdated = 0;
    let copiesKept = 0;
    let queuedCancelled = 0;
    if (release.status === "active") {
      const [kept] = await tx
        .select({ n: count() })
        .from(customerSteps)
        .where(and(eq(customerSteps.templateId, input.id), isNull(customerSteps.removedAt), sql`not (${untouched})`));
      copiesKept = kept.n;
      const detail = sql`jsonb_build_object('templateId', ${input.id}::int, 'templateVersion', ${version}::int,
        'previousName', prev_name, 'previousType', prev_type, 'previousContent', prev_content)`;
      copiesUpdated = affectedRows(
        await tx.execute(sql`
          with old as (
            select id, name, type, content from customer_steps
            where template_id = ${input.id} and ${untouched}
            order by id
            for update
          ), changed as (
            update customer_steps cs
            set name = ${input.name}, category = ${input.category}::step_category, type = ${input.type}::step_type,
                content = ${input.content}, description = ${input.description}, execution = ${execution},
                -- Queued for an agent, the old text will not run: the queued item is cancelled below.
                run_state = ${textChanged ? sql`case when cs.run_state = 'queued' then null else cs.run_state end` : sql`cs.run_state`},
                order_index = ${moved ? sql`${orderIndex}::float8` : sql`cs.order_index`},
                version = cs.version + 1, updated_at = now(), updated_by_id = ${actor.id},
                -- A review was of the text that changed: it does not carry over.
                reviewed_by_id = ${textChanged ? null : sql`cs.reviewed_by_id`}, reviewed_at = ${textChanged ? null : sql`cs.reviewed_at`}
            from old where cs.id = old.id
            returning cs.id, cs.release_id, cs.customer_id, old.name as prev_name, old.type as prev_type, old.content as prev_content
          )
          insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
          select id, release_id, customer_id, 'edited_via_template', ${actor.id}, ${detail} from changed
        `),
      );
      if (moved) {
        await remapCustomerOrder(tx, { releaseId: template.releaseId, category: template.category, mapping: oldCategoryMapping });
      }
      if (textChanged) {
        queuedCancelled = await cancelQueuedItems(tx, {
          where: sql`customer_step_id in (select id from customer_steps where template_id = ${input.id} and not is_overridden)`,
          note: `Cancelled before it ran: ${actor.name} changed the step's content in the template.`,
        });
      }
    }
    await recordAudit(tx, actor, {
      action: "template.update",
      entityType: "step_template",
      entityId: input.id,
      summary:
        `Edited ${input.category} step "${input.name}" in "${release.name}"` +
        (release.status === "active" ? ` (${copiesUpdated} pending copies updated, ${copiesKept} kept${queuedCancelled ? `, ${queuedCancelled} queued runs cancelled` : ""})` : ""),
      before: { name: template.name, category: template.category, type: template.type, needsReview: template.needsReview, execution: template.execution, version: template.version },
      after: { name: input.name, category: input.category, type: input.type, needsReview, execution, version },
    });
    return { id: input.id, releaseId: template.releaseId, version, copiesUpdated, copiesKept, queuedCancelled };
  });
}

/**
 * FS-004: a soft delete (the row stays, so done/skipped/overridden copies still point at it).
 * In an active release the pending, non-overridden copies are removed (`removed_at`) with a
 * "template_removed" event each; the rest stay as history. Deleting twice is harmless.
 */
export async function deleteTemplateStep(
  input: { id: number; version?: number },
  actor: Actor,
): Promise<{ id: number; releaseId: number; copiesRemoved: number; copiesKept: number }> {
  return getDb().transaction(async (tx) => {
    const { release, template } = await lockTemplate(tx, input.id);
    if (template.deletedAt) return { id: input.id, releaseId: template.releaseId, copiesRemoved: 0, copiesKept: 0 };
    if (input.version !== undefined && template.version !== input.version) {
      throw await staleConflict(tx, { entityType: "step_template", entityId: input.id, what: `"${template.name}"` });
    }
    const plan = removePlan(await liveSteps(tx, template.releaseId, template.category), template.id);
    await tx.execute(sql`
      update step_templates set deleted_at = now(), version = version + 1, updated_at = now() where id = ${input.id}
    `);
    await assignTemplateOrder(tx, template.releaseId, plan.assignments);

    let copiesRemoved = 0;
    let copiesKept = 0;
    if (release.status === "active") {
      copiesRemoved = affectedRows(
        await tx.execute(sql`
          with removed as (
            update customer_steps
            set removed_at = now(), version = version + 1, updated_at = now(), updated_by_id = ${actor.id}
            where template_id = ${input.id} and ${untouched}
            returning id, release_id, customer_id
          )
          insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
          select id, release_id, customer_id, 'template_removed', ${actor.id},
                 jsonb_build_object('templateId', ${input.id}::int, 'templateName', ${template.name}::text)
          from removed
        `),
      );
      const [kept] = await tx
        .select({ n: count() })
        .from(customerSteps)
        .where(and(eq(customerSteps.templateId, input.id), isNull(customerSteps.removedAt)));
      copiesKept = kept.n;
      await remapCustomerOrder(tx, { releaseId: template.releaseId, category: template.category, mapping: plan.mapping });
      await cancelQueuedItems(tx, {
        where: sql`customer_step_id in (select id from customer_steps where template_id = ${input.id} and removed_at is not null)`,
        note: `Cancelled before it ran: ${actor.name} deleted the step from the template.`,
      });
    }
    await recordAudit(tx, actor, {
      action: "template.delete",
      entityType: "step_template",
      entityId: input.id,
      summary:
        `Deleted ${template.category} step "${template.name}" from "${release.name}"` +
        (release.status === "active" ? ` (${copiesRemoved} pending copies removed, ${copiesKept} kept as history)` : ""),
      before: { name: template.name, category: template.category, orderIndex: template.orderIndex },
    });
    return { id: input.id, releaseId: template.releaseId, copiesRemoved, copiesKept };
  });
}

/**
 * FS-003: the whole new order of one category, applied in one transaction with set-based
 * statements (template integers, then every customer step of that category in one UPDATE).
 * The ids must be exactly the live steps: if someone added or deleted one meanwhile, the
 * reorder is refused rather than guessing.
 */
export async function reorderTemplateSteps(input: ReorderTemplatesInput, actor: Actor): Promise<{ ids: number[] }> {
  return getDb().transaction(async (tx) => {
    const release = await lockRelease(tx, input.releaseId);
    assertNotArchived(release.status);
    const current = await liveSteps(tx, input.releaseId, input.category);
    if (!isPermutation(current.map((s) => s.id), input.ids)) {
      throw conflict("The list of steps changed while you were reordering (a step was added or deleted). Reload and try again.");
    }
    const plan = reorderPlan(current, input.ids);
    await assignTemplateOrder(tx, input.releaseId, plan.assignments);
    if (release.status === "active") {
      await remapCustomerOrder(tx, { releaseId: input.releaseId, category: input.category, mapping: plan.mapping });
    }
    if (plan.mapping.length) {
      await recordAudit(tx, actor, {
        action: "template.reorder",
        entityType: "release",
        entityId: input.releaseId,
        summary: `Reordered ${input.category} steps of "${release.name}"`,
        after: { category: input.category, ids: input.ids },
      });
    }
    return { ids: input.ids };
  });
}
