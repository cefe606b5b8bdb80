"use server";

import { z } from "zod";
import { defineAction } from "@/lib/domain/define-action";
import { notFound } from "@/lib/domain/errors";
import {
  addCustomInput,
  addNoteInput,
  bulkChangeInput,
  editCustomInput,
  markAllDoneInput,
  markDoneInput,
  overrideInput,
  revertInput,
  skipInput,
  stepIdInput,
  stepOnlyInput, reviewAcrossInput } from "./input";
import { markAllDone } from "./mutations/bulk";
import { bulkChange } from "./mutations/bulk-across";
import { keepOverride, overrideStepContent, resetStepToTemplate } from "./mutations/content";
import { recordReview, reviewAcross } from "./mutations/review";
import { addCustomStep, editCustomStep, removeCustomStep } from "./mutations/custom";
import type { StepRow } from "./mutations/guard";
import { addStepNote, markStepDone, revertStep, skipStep, unskipStep } from "./mutations/transitions";
import { getStepDetail, toStepDTO } from "@/lib/domain/steps/queries/steps";
import type { StepStatus } from "@/db/schema/vocabulary";
import type { Actor } from "@/lib/auth/roles";
import { historyEntryOf } from "./model/history";
import { compactHistory, fingerprint, viewPatch, type StepPatch, type StepPatchFields } from "./model/patch";
import type { StepTransition } from "./mutations/transition-statement";

/**
 * What a step action answers: enough to update one cell or row locally and, for a page that
 * shows the step (`from`), a patch to draw it from: the changed fields and new history entries
 * for a status change, the step as shown again for a content change (model/patch.ts). Never the
 * release, customer and cluster again, never a page re-render.
 */
export type StepChange = {
  id: number;
  releaseId: number;
  customerId: number;
  status: StepStatus;
  version: number;
  isOverridden: boolean;
  isCustom: boolean;
  patch?: StepPatch;
};

const changed = (row: StepRow): StepChange => ({
  id: row.id,
  releaseId: row.releaseId,
  customerId: row.customerId,
  status: row.status,
  version: row.version,
  isOverridden: row.isOverridden,
  isCustom: row.isCustom,
});

/**
 * Without `from`, the customer's page re-renders (a plain form post). Called from a page that
 * updates itself — the matrix and its side panel (`from: "matrix"`), the customer checklist
 * (`from: "checklist"`) — nothing is revalidated: a revalidatePath would send back a re-render of
 * the whole page with the action's response (hundreds of KB). The page applies the patch instead
 * (HOUSE.md).
 */
type From = { from?: "matrix" | "checklist" };
const customerPage = (c: { releaseId: number; customerId: number }, input?: From) =>
  input?.from ? [] : [`/releases/${c.releaseId}/customers/${c.customerId}`];
/** Optional on every single-step action: where the call comes from (see `customerPage`). */
const local = { from: z.enum(["matrix", "checklist"]).optional() };

/**
 * A status change: its patch comes from the statement that made it (the row and the history
 * entry it wrote), so the whole action is that one statement plus the session check.
 */
function statusAnswer(row: StepTransition, actor: Actor, input: From): StepChange {
  if (!input.from) return changed(row);
  const { id, status, runState, version, executedAt, skipReason, notes, updatedAt, updatedByName, isOverridden, isCustom } = toStepDTO({ step: row, executedByName: null, updatedByName: actor.name });
  const step: StepPatchFields = {
    id,
    status,
    runState,
    version,
    executedAt,
    skipReason,
    notes,
    updatedAt,
    updatedByName,
    isOverridden,
    isCustom,
    // Who executed the step: this actor, or nobody; a note on a step someone else did leaves it.
    ...(row.executedById === null ? { executedByName: null } : row.executedById === actor.id ? { executedByName: actor.name } : {}),
  };
  const entry = historyEntryOf(row.event);
  if (!entry.ran) return { ...changed(row), patch: { kind: "status", step, added: [entry] } };
  // What ran was snapshotted by the same statement from the step's content and its values at that
  // instant, which is almost always what the page shows: the entry says so, and its fingerprint
  // lets the page check it (it reads the step again if it differs).
  return { ...changed(row), patch: { kind: "status", step, added: compactHistory([entry], entry.ran.content), ran: fingerprint(entry.ran.content) } };
}

/** A content change: the step as the page shows it after it (read once the change committed). */
async function viewAnswer(row: StepRow, input: From): Promise<StepChange> {
  if (!input.from) return changed(row);
  const detail = await getStepDetail(row.id);
  if (!detail) return changed(row);
  const { step, html, rendered, template, history, drift, review, lastRun } = detail;
  return { ...changed(row), patch: viewPatch({ step, html, rendered, template, history, drift, review, lastRun }, detail.removed, row.updatedAt.toISOString()) };
}
const rm = "release_manager" as const;

export const markStepDoneAction = defineAction({
  name: "step.mark_done",
  role: rm,
  verb: "mark steps done",
  input: markDoneInput.extend(local),
  run: async (input, actor) => statusAnswer(await markStepDone(input, actor), actor, input),
  revalidate: customerPage,
});

export const skipStepAction = defineAction({
  name: "step.skip",
  role: rm,
  verb: "skip steps",
  input: skipInput.extend(local),
  run: async (input, actor) => statusAnswer(await skipStep(input, actor), actor, input),
  revalidate: customerPage,
});

export const unskipStepAction = defineAction({
  name: "step.unskip",
  role: rm,
  verb: "un-skip steps",
  input: stepOnlyInput.extend(local),
  run: async (input, actor) => statusAnswer(await unskipStep(input, actor), actor, input),
  revalidate: customerPage,
});

export const revertStepAction = defineAction({
  name: "step.revert",
  role: rm,
  verb: "revert steps",
  input: revertInput.extend(local),
  run: async (input, actor) => statusAnswer(await revertStep(input, actor), actor, input),
  revalidate: customerPage,
});

export const addStepNoteAction = defineAction({
  name: "step.add_note",
  role: rm,
  verb: "add notes to steps",
  input: addNoteInput.extend(local),
  run: async (input, actor) => statusAnswer(await addStepNote(input, actor), actor, input),
  revalidate: customerPage,
});

export const overrideStepAction = defineAction({
  name: "step.override",
  role: rm,
  verb: "override step content",
  input: overrideInput.extend(local),
  run: async (input, actor) => viewAnswer(await overrideStepContent(input, actor), input),
  revalidate: customerPage,
});

export const resetStepAction = defineAction({
  name: "step.reset_to_template",
  role: rm,
  verb: "reset steps to the template",
  input: stepOnlyInput.extend(local),
  run: async (input, actor) => viewAnswer(await resetStepToTemplate(input, actor), input),
  revalidate: customerPage,
});

export const keepOverrideAction = defineAction({
  name: "step.keep_override",
  role: rm,
  verb: "keep overrides",
  input: stepOnlyInput.extend(local),
  run: async (input, actor) => viewAnswer(await keepOverride(input, actor), input),
  revalidate: customerPage,
});

export const reviewStepAction = defineAction({
  name: "step.review",
  role: rm,
  verb: "review steps",
  input: stepOnlyInput.extend(local),
  run: async (input, actor) => viewAnswer(await recordReview(input, actor), input),
  revalidate: customerPage,
});

export const addCustomStepAction = defineAction({
  name: "step.add_custom",
  role: rm,
  verb: "add steps",
  input: addCustomInput,
  run: async (input, actor) => {
    const result = await addCustomStep(input, actor);
    return { ...changed(result.step), addedToTemplate: result.addedToTemplate, customerStepsCreated: result.customerStepsCreated };
  },
  // "Add to template" changes every customer's checklist; their pages read fresh when opened.
  revalidate: (data) => [...customerPage(data), ...(data.addedToTemplate ? [`/releases/${data.releaseId}`] : [])],
});

export const editCustomStepAction = defineAction({
  name: "step.edit_custom",
  role: rm,
  verb: "edit custom steps",
  input: editCustomInput.extend(local),
  run: async (input, actor) => viewAnswer(await editCustomStep(input, actor), input),
  revalidate: customerPage,
});

export const removeCustomStepAction = defineAction({
  name: "step.remove_custom",
  role: rm,
  verb: "remove custom steps",
  input: stepOnlyInput.extend(local),
  run: async (input, actor) => viewAnswer(await removeCustomStep(input, actor), input),
  revalidate: customerPage,
});

export const markAllDoneAction = defineAction({
  name: "step.mark_all_done",
  role: rm,
  verb: "mark steps done",
  input: markAllDoneInput,
  run: async (input, actor) => ({ ...(await markAllDone(input, actor)), releaseId: input.releaseId, customerId: input.customerId }),
  revalidate: (data) => customerPage(data),
});

/**
 * Bulk across customers, from the matrix's selection. The matrix redraws the changed cells from
 * the answer (ids, statuses, versions) and says what was left and why: nothing is revalidated.
 */
export const bulkChangeAction = defineAction({
  name: "step.bulk_change",
  role: rm,
  verb: "change steps in bulk",
  input: bulkChangeInput,
  run: (input, actor) => bulkChange(input, actor),
});

/** For a client-side panel (the matrix's side panel): one step with its context and history. */
export const loadStepDetailAction = defineAction({
  name: "step.detail",
  role: "viewer",
  input: stepIdInput,
  run: async (input) => {
    const detail = await getStepDetail(input.stepId);
    if (!detail) throw notFound("The step");
    return detail;
  },
});

/** Review a template step for every customer whose copy waits for it (the step's across page). */
export const reviewAcrossAction = defineAction({
  name: "step.review_across",
  role: rm,
  verb: "review steps",
  input: reviewAcrossInput,
  run: (input, actor) => reviewAcross(input, actor),
  revalidate: (_d, input) => [`/releases/${input.releaseId}/steps/${input.templateId}`],
});
