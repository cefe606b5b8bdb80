"use server";

import { defineAction } from "@/lib/domain/define-action";
import { createTemplateInput, deleteTemplateInput, reorderTemplatesInput, updateTemplateInput } from "./input";
import { createTemplateStep, deleteTemplateStep, reorderTemplateSteps, updateTemplateStep } from "@/lib/domain/templates/mutations/templates";

const manager = "release_manager" as const;

export const createTemplateStepAction = defineAction({
  name: "template.create",
  role: manager,
  verb: "add template steps",
  input: createTemplateInput,
  run: (input, actor) => createTemplateStep(input, actor),
  revalidate: (_data, input) => ["/releases", `/releases/${input.releaseId}`],
});

export const updateTemplateStepAction = defineAction({
  name: "template.update",
  role: manager,
  verb: "edit template steps",
  input: updateTemplateInput,
  run: (input, actor) => updateTemplateStep(input, actor),
  revalidate: (data) => [`/releases/${data.releaseId}`],
});

export const deleteTemplateStepAction = defineAction({
  name: "template.delete",
  role: manager,
  verb: "delete template steps",
  input: deleteTemplateInput,
  run: (input, actor) => deleteTemplateStep(input, actor),
  revalidate: (data) => ["/releases", `/releases/${data.releaseId}`],
});

export const reorderTemplateStepsAction = defineAction({
  name: "template.reorder",
  role: manager,
  verb: "reorder template steps",
  input: reorderTemplatesInput,
  run: (input, actor) => reorderTemplateSteps(input, actor),
  // The list already shows the new order locally; only the server copy of the page is refreshed.
  revalidate: (_data, input) => [`/releases/${input.releaseId}`],
});
