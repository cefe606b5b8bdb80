import { z } from "zod";
import { id, optionalText, requiredText } from "@/lib/domain/shared/input";

export const stepCategories = ["deploy", "verify"] as const;
export const stepTypes = ["bash", "sql", "text", "yaml"] as const;
export type StepCategory = (typeof stepCategories)[number];
export type StepType = (typeof stepTypes)[number];

/** Step content keeps its indentation (YAML!); only line endings are normalised. */
const content = z.preprocess(
  (v) => (v == null ? "" : typeof v === "string" ? v.replace(/\r\n?/g, "\n").replace(/\s+$/, "") : v),
  z.string().max(100_000, "Content must be at most 100,000 characters."),
);

export const templateFields = {
  name: requiredText(160, "Name"),
  category: z.enum(stepCategories, { error: "Choose deploy or verify." }),
  type: z.enum(stepTypes, { error: "Choose bash, SQL, YAML or text." }),
  content,
  description: optionalText(2_000, "Description"),
};

/** "" = at the end, "start" = first, otherwise the id of the step it goes after. */
const afterTemplate = z.preprocess(
  (v) => (v === undefined || v === "" || v === "end" ? undefined : v === "start" || v === null ? null : v),
  z.coerce.number().int().positive().nullable().optional(),
);

export const createTemplateInput = z.object({ releaseId: id, ...templateFields, afterTemplateId: afterTemplate });
export type CreateTemplateInput = z.output<typeof createTemplateInput>;

export const updateTemplateInput = z.object({
  id,
  version: z.coerce.number({ error: "Missing version." }).int().positive(),
  ...templateFields,
});
export type UpdateTemplateInput = z.output<typeof updateTemplateInput>;

export const deleteTemplateInput = z.object({
  id,
  version: z.coerce.number().int().positive().optional(),
});

export const reorderTemplatesInput = z.object({
  releaseId: id,
  category: z.enum(stepCategories),
  ids: z.array(z.coerce.number().int().positive()).min(1).max(500),
});
export type ReorderTemplatesInput = z.output<typeof reorderTemplatesInput>;
