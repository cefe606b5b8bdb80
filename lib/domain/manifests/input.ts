import { z } from "zod";
import { id, idList, optionalText, requiredText } from "@/lib/domain/shared/input";
import { patternProblem } from "./model/path-pattern";
import { branchProblem, remoteUrlProblem } from "./model/remote";

const refine = (problem: (v: string) => string | null) => (v: string, ctx: z.RefinementCtx) => {
  const p = problem(v);
  if (p) ctx.addIssue({ code: "custom", message: p });
};
const blankIsNone = (v: unknown) => (v === "" || v === null || v === undefined || v === "none" ? undefined : v);

/** A manifest repository (admin): where one track's or one cluster's manifest steps are published. */
export const repositoryInput = z
  .object({
    name: requiredText(100, "Name"),
    url: requiredText(2000, "URL").superRefine(refine(remoteUrlProblem)),
    /** Blank on an edit: keep the sealed token. */
    token: optionalText(2000, "Token"),
    clearToken: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false),
    branch: z.preprocess((v) => (v === "" || v == null ? "main" : v), requiredText(200, "Branch").superRefine(refine(branchProblem))),
    pathPattern: requiredText(300, "Path pattern").superRefine(refine(patternProblem)),
    /** "track:3" or "cluster:7": exactly one scope. */
    scope: requiredText(40, "Used for").regex(/^(track|cluster):\d{1,10}$/, "Choose a track or a cluster."),
  })
  .transform((v) => {
    const [kind, n] = v.scope.split(":");
    return { ...v, trackId: kind === "track" ? Number(n) : null, clusterId: kind === "cluster" ? Number(n) : null };
  });
export type RepositoryInput = z.output<typeof repositoryInput>;

export const updateRepositoryInput = z.intersection(z.object({ repositoryId: id }), repositoryInput);
export type UpdateRepositoryInput = z.output<typeof updateRepositoryInput>;

export const repositoryIdInput = z.object({ repositoryId: id });

/** Publish a stage's manifests, chosen customers', or (neither given) every customer's: one commit per repository. */
export const publishInput = z
  .object({
    releaseId: id,
    stageId: z.preprocess(blankIsNone, id.optional()),
    customerIds: idList,
    /** The chosen-customers form: an empty choice is a mistake, not "everyone". */
    chosen: z.preprocess((v) => v === true || v === "true", z.boolean()).default(false),
  })
  .superRefine((v, ctx) => {
    if (v.chosen && v.customerIds.length === 0) ctx.addIssue({ code: "custom", path: ["customerIds"], message: "Choose at least one customer." });
  });
export type PublishInput = z.output<typeof publishInput>;

/** Approve and merge: the commit the approver looked at (a newer publish is a new review). */
export const mergeInput = z.object({ publishId: id, commitSha: z.string().regex(/^[0-9a-f]{40}$/, "That commit id is not valid.") });
export type MergeInput = z.output<typeof mergeInput>;

/** Compare done manifest steps with the repository's target branch: a release, or one step. */
export const compareInput = z.object({ releaseId: id, stepId: z.preprocess(blankIsNone, id.optional()) });
export type CompareInput = z.output<typeof compareInput>;
