import { z } from "zod";
import { checkbox, content, execution, id, longText, requiredText, textIsManual, version, yamlContent } from "@/lib/domain/shared/input";
import { stepCategories, stepTypes } from "@/db/schema/vocabulary";


export const templateFields = {
  name: requiredText(160, "Name"),
  category: z.enum(stepCategories, { error: "Choose deploy or verify." }),
  type: z.enum(stepTypes, { error: "Choose bash, SQL, YAML or text." }),
  content,
  description: longText(2_000, "Description"),
  /** Four eyes: each customer's copy is reviewed by someone other than its author before it is marked done. */
  needsReview: checkbox,
  /** Manual, or run by an agent (bash, SQL, YAML): part of the content. */
  execution,
};

/** "" = at the end, "start" = first, otherwise the id of the step it goes after. */
const afterTemplate = z.preprocess(
  (v) => (v === undefined || v === "" || v === "end" ? undefined : v === "start" || v === null ? null : v),
  id.nullable().optional(),
);

export const createTemplateInput = z
  .object({ releaseId: id, ...templateFields, afterTemplateId: afterTemplate })
  .superRefine(yamlContent)
  .superRefine(textIsManual);
export type CreateTemplateInput = z.output<typeof createTemplateInput>;

export const updateTemplateInput = z
  .object({
    id,
    version,
    ...templateFields,
  })
  .superRefine(yamlContent)
  .superRefine(textIsManual);
export type UpdateTemplateInput = z.output<typeof updateTemplateInput>;

export const deleteTemplateInput = z.object({
  id,
  version: version.optional(),
});

export const reorderTemplatesInput = z.object({
  releaseId: id,
  category: z.enum(stepCategories),
  ids: z.array(id).min(1).max(500),
});
export type ReorderTemplatesInput = z.output<typeof reorderTemplatesInput>;
