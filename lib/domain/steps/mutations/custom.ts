import "server-only";
import { assertKnownVariables } from "@/lib/domain/content/model/check";
import { knownVariableNames } from "@/lib/domain/content/queries/known-names";
import { newContent } from "./content";
import { liftRefusal } from "@/lib/domain/steps/model/four-eyes";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { customerSteps, customers, releaseCustomers, releases } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidField, invalidState, notFound } from "@/lib/domain/errors";
import { addStepToTemplate } from "@/lib/domain/steps/mutations/add-to-template";
import type { AddCustomInput, EditCustomInput, StepOnlyInput } from "../input";
import { isCrowded, neighbours, orderBetween, planRenumber, type OrderedStep, type Placement } from "@/lib/domain/steps/model/ordering";
import { appendEvent, applyChange, assertUnlocked, cancelQueuedRunOf, loadForChange, type StepRow } from "./guard";
import type { StepExecution } from "@/db/schema/vocabulary";

type Options = { db?: Db };
/** Callers that predate four eyes on custom steps may leave the flag out. */
type WithOptionalReview<T extends { needsReview: boolean; execution: StepExecution }> = Omit<T, "needsReview" | "execution"> & { needsReview?: boolean; execution?: StepExecution };
type Category = StepRow["category"];

async function categorySteps(tx: Tx, releaseId: number, customerId: number, category: Category) {
  return tx
    .select({ id: customerSteps.id, orderIndex: customerSteps.orderIndex, isCustom: customerSteps.isCustom, templateId: customerSteps.templateId })
    .from(customerSteps)
    .where(
      and(
        eq(customerSteps.releaseId, releaseId),
        eq(customerSteps.customerId, customerId),
        eq(customerSteps.category, category),
        isNull(customerSteps.removedAt),
      ),
    )
    .orderBy(asc(customerSteps.orderIndex), asc(customerSteps.id));
}

/** Respreads the custom steps of one customer's category in one UPDATE … FROM (VALUES …). */
async function renumber(tx: Tx, sorted: OrderedStep[]): Promise<void> {
  const plan = planRenumber(sorted);
  if (plan.length === 0) return;
  const values = sql.join(
    plan.map((p) => sql`(${p.id}::bigint, ${p.orderIndex}::double precision)`),
    sql`, `,
  );
  await tx.execute(sql`
    update customer_steps s set order_index = v.o
    from (values ${values}) as v(id, o)
    where s.id = v.id
  `);
}

/**
 * An order index for a new step at `placement`, renumbering the category's custom steps first
 * when the gap is too small to halve (FCS-008, BR-S05).
 */
async function orderFor(tx: Tx, scope: { releaseId: number; customerId: number; category: Category }, placement: Placement) {
  let sorted = await categorySteps(tx, scope.releaseId, scope.customerId, scope.category);
  if (placement.where !== "end" && !sorted.some((s) => s.id === placement.anchorId)) {
    throw invalidField("position", `That step is not a ${scope.category} step of this customer; choose another position.`);
  }
  const first = neighbours(sorted, placement);
  let at = orderBetween(first.prev, first.next);
  if (at === undefined || isCrowded(sorted)) {
    await renumber(tx, sorted);
    sorted = await categorySteps(tx, scope.releaseId, scope.customerId, scope.category);
    const n = neighbours(sorted, placement);
    at = orderBetween(n.prev, n.next);
  }
  if (at === undefined) throw invalidState("There is no room to insert a step there; choose another position.");
  return { at, sorted };
}

/** The template step a new template step should follow, for "Add to template" from a position. */
function templateAnchor(sorted: Array<OrderedStep & { templateId: number | null }>, placement: Placement): number | null | undefined {
  if (placement.where === "end") return undefined;
  const i = sorted.findIndex((s) => s.id === placement.anchorId);
  const upTo = placement.where === "after" ? i : i - 1;
  for (let k = upTo; k >= 0; k--) if (sorted[k].templateId !== null) return sorted[k].templateId;
  return null; // before every template step: first
}

export type AddCustomResult = { step: StepRow; addedToTemplate: boolean; customerStepsCreated: number };

/**
 * FCS-003, BR-S01: a step for this customer only, slotted between its neighbours (FCS-008).
 * With "Add to template" (BR-S06) it instead becomes a template step of the release, given at
 * once to every included customer, and this customer's copy is returned.
 */
export async function addCustomStep(input: WithOptionalReview<AddCustomInput>, actor: Actor, { db = getDb() }: Options = {}): Promise<AddCustomResult> {
  return db.transaction(async (tx) => {
    const [ctx] = await tx
      .select({ status: releases.status, membership: releaseCustomers.membership, customerName: customers.name })
      .from(releases)
      .innerJoin(customers, eq(customers.id, input.customerId))
      .leftJoin(releaseCustomers, and(eq(releaseCustomers.releaseId, releases.id), eq(releaseCustomers.customerId, customers.id)))
      .where(eq(releases.id, input.releaseId));
    if (!ctx) throw notFound("The release or customer");
    if (ctx.status !== "active") throw invalidState(`This release is ${ctx.status}: steps can only be added while it is active.`);
    if (ctx.membership !== "included") throw invalidState(`${ctx.customerName} does not take part in this release.`);
    await assertKnownVariables({ name: input.name, content: input.content }, () => knownVariableNames(tx, input.releaseId));

    // Serialises inserts into one customer's checklist, so two people inserting into the same
    // gap at once read each other's rows instead of picking the same order index.
    await tx.execute(sql`select pg_advisory_xact_lock(${input.releaseId}::int, ${input.customerId}::int)`);
    const scope = { releaseId: input.releaseId, customerId: input.customerId, category: input.category };
    const { at, sorted } = await orderFor(tx, scope, input.position);

    if (input.addToTemplate) {
      const result = await addStepToTemplate(tx, {
        releaseId: input.releaseId,
        customerId: input.customerId,
        name: input.name,
        category: input.category,
        type: input.type,
        content: input.content,
        description: input.description,
        needsReview: input.needsReview ?? false,
        execution: input.execution ?? "manual",
        afterTemplateId: templateAnchor(sorted, input.position),
        actor,
      });
      return { step: result.step, addedToTemplate: true, customerStepsCreated: result.customerStepsCreated };
    }

    const [step] = await tx
      .insert(customerSteps)
      .values({
        releaseId: input.releaseId,
        customerId: input.customerId,
        templateId: null,
        name: input.name,
        category: input.category,
        type: input.type,
        content: input.content,
        description: input.description,
        orderIndex: at,
        isCustom: true,
        origin: "custom",
        updatedById: actor.id,
        contentById: actor.id,
        needsReview: input.needsReview ?? false,
        execution: input.execution ?? "manual",
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "customer_step.add_custom",
      entityType: "customer_step",
      entityId: step.id,
      summary: `Added custom step "${step.name}" for ${ctx.customerName}`,
      after: { name: step.name, category: step.category, type: step.type, orderIndex: step.orderIndex, needsReview: step.needsReview },
    });
    return { step, addedToTemplate: false, customerStepsCreated: 1 };
  });
}

/** FCS-003: a custom step's name, type, content and description; locked while done (BR-R03). */
export async function editCustomStep(input: WithOptionalReview<EditCustomInput>, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    if (!step.isCustom) throw invalidState("This step comes from the template: override its content instead of editing it.");
    assertUnlocked(step, "edit it");
    // Left out (a caller that predates four eyes on custom steps): stays as it is.
    const needsReview = input.needsReview ?? step.needsReview;
    const execution = input.execution ?? step.execution;
    const changes = { name: input.name, type: input.type, content: input.content, description: input.description, needsReview, execution };
    const changed = Object.entries(changes).filter(([k, v]) => step[k as keyof typeof changes] !== v).map(([k]) => k);
    if (changed.length === 0) throw invalidField("name", "Nothing changed.");
    await assertKnownVariables({ name: input.name, content: input.content }, () => knownVariableNames(tx, step.releaseId));
    const textChanged = changed.some((k) => k !== "description" && k !== "needsReview");
    const refusal = liftRefusal({ wasRequired: step.needsReview, required: needsReview, contentChanged: textChanged, authorId: step.contentById, actorId: actor.id });
    if (refusal) throw invalidField("needsReview", refusal);
    const row = await applyChange(tx, step, textChanged ? { ...changes, ...newContent(actor) } : changes, actor);
    if (textChanged) await cancelQueuedRunOf(tx, row, actor, "edited the custom step");
    const before = Object.fromEntries(changed.map((k) => [k, step[k as keyof typeof changes]]));
    await appendEvent(tx, row, "custom_edited", actor, { changed, before });
    await recordAudit(tx, actor, {
      action: "customer_step.edit_custom",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Edited custom step "${row.name}" (${changed.join(", ")})`,
      before,
      after: Object.fromEntries(changed.map((k) => [k, row[k as keyof typeof changes]])),
    });
    return row;
  });
}

/**
 * FCS-006: removes a custom step (soft: `removed_at`, history kept). Template steps cannot be
 * removed for one customer — they are skipped, with a reason — and a done step is locked.
 */
export async function removeCustomStep(input: StepOnlyInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    if (!step.isCustom) {
      throw invalidState("Steps from the template can't be removed for one customer. Skip it instead, with a reason.");
    }
    assertUnlocked(step, "remove it");
    const row = await applyChange(tx, step, { removedAt: new Date() }, actor);
    await cancelQueuedRunOf(tx, row, actor, "removed the custom step");
    await appendEvent(tx, row, "custom_removed", actor, { name: step.name });
    await recordAudit(tx, actor, {
      action: "customer_step.remove_custom",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Removed custom step "${row.name}"`,
      before: { name: step.name, status: step.status },
    });
    return row;
  });
}
