import { z } from "zod";
import { releaseStatuses, releaseTypes, roles, stepCategories, stepStatuses, stepTypes } from "@/db/schema/vocabulary";

/**
 * The API's request and response shapes. The OpenAPI document is generated from these
 * (lib/api/openapi.ts) and the handlers parse requests with them, so the two cannot drift. The
 * domain's own input schemas check every value again behind them (one place for each rule).
 */

const when = z.string().nullable().describe("ISO 8601, UTC");

export const apiError = z
  .object({
    error: z.object({
      code: z.enum(["invalid_input", "unauthenticated", "forbidden", "not_found", "invalid_state", "conflict", "rate_limited", "internal"]),
      message: z.string().describe("What went wrong, in words a person can act on"),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe("Per request field: what is wrong with it"),
    }),
  })
  .meta({ id: "Error" });

export const apiStep = z
  .object({
    id: z.number().int().describe("The customer step's id: use it in the step actions"),
    version: z.number().int().describe("Changes with every change to the step; send it back as expectedVersion to act only on what you saw"),
    status: z.enum(stepStatuses),
    release: z.object({ id: z.number().int(), name: z.string() }),
    customer: z.object({ id: z.number().int(), name: z.string(), namespace: z.string(), cluster: z.string() }),
    step: z.object({
      templateId: z.number().int().nullable().describe("The release's template step; null for a customer's custom step"),
      name: z.string(),
      category: z.enum(stepCategories),
      type: z.enum(stepTypes),
      custom: z.boolean(),
      overridden: z.boolean(),
    }),
    executedAt: when,
    executedBy: z.string().nullable(),
    skipReason: z.string().nullable(),
    notes: z.string(),
    updatedAt: z.string().describe("ISO 8601, UTC"),
    updatedBy: z.string().nullable(),
    manifest: z
      .object({ commitSha: z.string(), path: z.string(), repository: z.string(), branch: z.string(), approvedBy: z.string().nullable(), publishedBy: z.string().nullable() })
      .nullable()
      .describe("Done by a reviewed merge into the manifest repository: the merged commit, the file, who published and who approved"),
  })
  .meta({ id: "CustomerStep" });

export const stepAnswer = z.object({ step: apiStep }).meta({ id: "StepAnswer" });
export const conflictAnswer = apiError.extend({ step: apiStep.optional().describe("The step as it is now") }).meta({ id: "Conflict" });

const progress = z
  .object({ all: z.number(), deploy: z.number(), verify: z.number() })
  .describe("Percent done, the average over customers, rounded as every screen shows it");
export const apiRelease = z
  .object({
    id: z.number().int(),
    name: z.string(),
    version: z.string().nullable(),
    type: z.enum(releaseTypes),
    status: z.enum(releaseStatuses),
    releaseDate: z.string().nullable().describe("YYYY-MM-DD"),
    customers: z.number().int(),
    steps: z.object({ total: z.number().int(), done: z.number().int(), skipped: z.number().int() }),
    progress,
  })
  .meta({ id: "Release" });
export const releaseList = z.object({ releases: z.array(apiRelease) }).meta({ id: "ReleaseList" });

export const releaseStatusAnswer = z
  .object({
    release: z.object({ id: z.number().int(), name: z.string(), version: z.string().nullable(), status: z.enum(releaseStatuses) }),
    customers: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        cluster: z.string(),
        namespace: z.string(),
        complete: z.boolean().describe("Every step done or skipped"),
        steps: z.array(apiStep.omit({ release: true, customer: true })),
      }),
    ),
  })
  .meta({ id: "ReleaseStatus" });

const expectedVersion = z
  .number({ error: "expectedVersion must be a whole number." })
  .int("expectedVersion must be a whole number.")
  .positive("expectedVersion must be a whole number.")
  .optional()
  .describe("The version you last saw; without it the step's current version is used");

export const doneBody = z.object({ expectedVersion, notes: z.string().max(2000).optional() }).strict().meta({ id: "MarkDone" });
export const skipBody = z.object({ expectedVersion, reason: z.string().max(500).describe("Required: why this customer skips the step") }).strict().meta({ id: "Skip" });
export const revertBody = z.object({ expectedVersion, reason: z.string().max(500).optional() }).strict().meta({ id: "Revert" });
export const noteBody = z
  .object({ expectedVersion, text: z.string().max(2000).default("").describe("The note"), link: z.string().max(2000).optional().describe("An http(s) URL, e.g. the CI job") })
  .strict()
  .meta({ id: "Note" });

export const releaseParam = z.string().min(1).max(200).describe("The release's id, name or version number");
export const stepIdParam = z.string().regex(/^\d{1,10}$/).describe("The customer step's id");

export const findStepQuery = z.object({
  release: releaseParam,
  customer: z.string().optional().describe("The customer's id (or give cluster and namespace)"),
  cluster: z.string().optional().describe("The customer's cluster name, with namespace"),
  namespace: z.string().optional().describe("The customer's namespace, with cluster"),
  step: z.string().min(1).describe("The template step's id or name (any case)"),
});

export const statusQuery = z.object({ format: z.enum(["json", "csv"]).optional().describe("Or send Accept: text/csv") });

export const roleOf = z.enum(roles);

/** The refusals every operation may answer. */
export const commonErrors = {
  401: { description: "No valid token or session", schema: apiError },
  429: { description: "Too many requests with this token (Retry-After says when to retry)", schema: apiError },
};
