import { z } from "zod";
import { stepCategories, stepTypes } from "@/db/schema/vocabulary";
import { checkbox, content, execution, id, longText, optionalText, requiredText, textIsManual, version, yamlContent } from "@/lib/domain/shared/input";

const category = z.enum(stepCategories, { error: "Choose deploy or verify." });
const type = z.enum(stepTypes, { error: "Choose bash, SQL, text or YAML." });

/** Every change to one step names the step and the version the user saw. */
export const stepRef = { stepId: id, version };

export const markDoneInput = z.object({ ...stepRef, notes: longText(2000, "Notes") });
export const skipInput = z.object({ ...stepRef, reason: longText(500, "Reason").pipe(z.string().min(1, "A reason is required to skip a step.")) });
export const revertInput = z.object({ ...stepRef, reason: longText(500, "Reason") });
export const stepOnlyInput = z.object(stepRef);
/** A note on a step, optionally with a link (a CI job's URL): http(s) only, so it is safe to show as a link. */
export const addNoteInput = z.object({
  ...stepRef,
  text: longText(2000, "Note"),
  link: optionalText(2000, "Link").refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), "The link must be an http(s) URL."),
});
/** The step's own type decides whether the content must be YAML: checked in overrideStepContent. */
export const overrideInput = z.object({ ...stepRef, content });

export const editCustomInput = z
  .object({
    ...stepRef,
    name: requiredText(200, "Step name"),
    type,
    content,
    description: longText(2000, "Description"),
    /** Four eyes for this custom step (model/four-eyes.ts says who may lift it). */
    needsReview: checkbox,
    execution,
  })
  .superRefine(yamlContent)
  .superRefine(textIsManual);

/** "end", "before:<stepId>" or "after:<stepId>" (a <select> value). */
export const positionField = z
  .string()
  .trim()
  .default("end")
  .transform((v, ctx) => {
    if (v === "" || v === "end") return { where: "end" as const };
    const m = /^(before|after):(\d+)$/.exec(v);
    if (!m) {
      ctx.addIssue({ code: "custom", message: "Choose where to insert the step." });
      return z.NEVER;
    }
    return { where: m[1] as "before" | "after", anchorId: Number(m[2]) };
  });

export const addCustomInput = z
  .object({
    releaseId: id,
    customerId: id,
    name: requiredText(200, "Step name"),
    category,
    type,
    content,
    description: longText(2000, "Description"),
    position: positionField,
    addToTemplate: checkbox,
    /** Four eyes: the custom step (or, added to the template, every copy) is reviewed before it is marked done. */
    needsReview: checkbox,
    execution,
  })
  .superRefine(yamlContent)
  .superRefine(textIsManual);

export const markAllDoneInput = z.object({ releaseId: id, customerId: id, category, notes: longText(2000, "Notes") });
export const stepIdInput = z.object({ stepId: id });

export type MarkDoneInput = z.output<typeof markDoneInput>;
export type SkipInput = z.output<typeof skipInput>;
export type RevertInput = z.output<typeof revertInput>;
export type StepOnlyInput = z.output<typeof stepOnlyInput>;
export type OverrideInput = z.output<typeof overrideInput>;
export type AddNoteInput = z.output<typeof addNoteInput>;
export type EditCustomInput = z.output<typeof editCustomInput>;
export type AddCustomInput = z.output<typeof addCustomInput>;
export type MarkAllDoneInput = z.output<typeof markAllDoneInput>;

/**
 * Bulk across customers (matrix selection): one change for many steps, each with the version
 * the user saw. At most 5,000 steps at once (a 500-customer cluster block of ten steps).
 */
export const bulkChangeInput = z
  .object({
    releaseId: id,
    change: z.enum(["done", "skip", "revert"], { error: "Choose mark done, skip or revert." }),
    steps: z.array(z.object(stepRef), { error: "Select the steps to change." }).min(1, "Select at least one step.").max(5_000, "Select at most 5,000 steps at once."),
    reason: longText(500, "Reason"),
    notes: longText(2000, "Notes"),
  })
  .superRefine((v, ctx) => {
    if (v.change === "skip" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "A reason is required to skip steps." });
  });
export type BulkChangeInput = z.output<typeof bulkChangeInput>;

/** Review a template step for every customer whose copy waits for a review. */
export const reviewAcrossInput = z.object({ releaseId: id, templateId: id });
