import { z } from "zod";
import { id, idList, INT_MAX, longText, metadataField, optionalText, requiredText, timestamp, withMetadata } from "@/lib/domain/shared/input";
import { searchParam } from "@/lib/domain/shared/search-text";
import { versionMessage, versionPattern } from "@/lib/domain/releases/model/rules";
import { releaseStatuses, releaseTypes } from "@/db/schema/vocabulary";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const releaseDate = z.preprocess(
  (v) => (v == null || v === "" ? null : v),
  z
    .string()
    .trim()
    .refine((s) => isoDate.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      message: "Enter a date as YYYY-MM-DD.",
    })
    .nullable(),
);

const fields = {
  type: z.enum(releaseTypes, { error: "Choose a type: onboarding, release or hotfix." }),
  name: requiredText(120, "Name"),
  description: longText(20_000, "Release notes"),
  versionNumber: optionalText(60, "Version"),
  releaseDate,
  metadata: metadataField,
  /** The rollout track: "" the type's default, "none" no stages, or a track's id; left out on an edit, unchanged. */
  track: z.preprocess((v) => (v == null ? undefined : String(v)), z.string().regex(/^(|none|\d{1,10})$/, "Choose a track from the list.").optional()),
};

/** FR-001: a "release" needs a version; any version given must look like one. */
function checkVersion(value: { type: string; versionNumber: string }, ctx: z.RefinementCtx) {
  if (value.type === "release" && value.versionNumber === "") {
    ctx.addIssue({ code: "custom", path: ["versionNumber"], message: "A release needs a version, e.g. v2.5.0." });
  } else if (value.versionNumber !== "" && !versionPattern.test(value.versionNumber)) {
    ctx.addIssue({ code: "custom", path: ["versionNumber"], message: versionMessage });
  }
}

export const createReleaseInput = withMetadata(z.object(fields).superRefine(checkVersion));
export type CreateReleaseInput = z.output<typeof createReleaseInput>;

export const updateReleaseInput = withMetadata(
  z
    .object({
      ...fields,
      id,
      /** The `updatedAt` the form was loaded with: a stale edit is refused, not applied. */
      expectedUpdatedAt: timestamp("This form is out of date. Reload the page and try again.").optional(),
    })
    .superRefine(checkVersion),
);
export type UpdateReleaseInput = z.output<typeof updateReleaseInput>;

export const releaseIdInput = z.object({ id });

export const cloneReleaseInput = z.object({
  id,
  name: requiredText(120, "Name"),
  versionNumber: optionalText(60, "Version").refine((v) => v === "" || versionPattern.test(v), versionMessage),
});
export type CloneReleaseInput = z.output<typeof cloneReleaseInput>;

/** Who an activation covers: everyone (BR-R01), whole clusters, or hand-picked customers. */
export const activateInput = z
  .object({
    id,
    mode: z.enum(["all", "clusters", "customers"]).default("all"),
    clusterIds: idList.default([]),
    customerIds: idList.default([]),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "clusters" && v.clusterIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["clusterIds"], message: "Choose at least one cluster." });
    }
    if (v.mode === "customers" && v.customerIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["customerIds"], message: "Choose at least one customer." });
    }
  });
export type ActivateInput = z.output<typeof activateInput>;

export const addCustomersInput = z.object({
  id,
  customerIds: idList.refine((ids) => ids.length > 0, "Choose at least one customer."),
});

export const listFilter = z.object({
  status: z.enum(releaseStatuses).optional().catch(undefined),
  type: z.enum(releaseTypes).optional().catch(undefined),
});

/**
 * What the releases list shows: `/releases?q=2.5&status=active&type=release&cluster=<id>`.
 * `q` matches a release's name or version; `clusterId` keeps releases that include at least one
 * customer of that cluster (FC-006).
 */
export type ReleaseListFilter = z.output<typeof listFilter> & { q?: string; clusterId?: number };

/** The list's URL state; junk is ignored, and a `cluster` that is not an id is reported (`badCluster`). */
export function parseReleaseListParams(params: Record<string, string | string[] | undefined>) {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const rawCluster = one(params.cluster);
  const cluster = Number(rawCluster);
  const clusterOk = Number.isInteger(cluster) && cluster > 0 && cluster <= INT_MAX;
  return {
    ...listFilter.parse({ status: one(params.status), type: one(params.type) }),
    q: searchParam(params.q),
    clusterId: clusterOk ? cluster : undefined,
    badCluster: Boolean(rawCluster) && !clusterOk,
  };
}

/** A release file to import (release as code); `name` replaces the file's name when given. */
export const importReleaseInput = z.object({
  text: z.string({ error: "Paste or choose a release file." }).max(2_000_000, "The file is too large (2 MB at most).").min(1, "Paste or choose a release file."),
  name: optionalText(120, "Name"),
});
export const exportReleaseInput = z.object({ id, customers: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false) });
