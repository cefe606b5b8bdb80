import "server-only";
import { z } from "zod";
import { callAs } from "@/lib/domain/define-action";
import { compareManifestsAction, mergePublishAction, publishManifestsAction } from "@/lib/domain/manifests/actions";
import { getPublish } from "@/lib/domain/manifests/queries/publishes";
import { stageByRef } from "@/lib/domain/manifests/queries/release-heading";
import { defineOperation } from "@/lib/api/operation";
import { json, problem, refusal } from "@/lib/api/respond";
import { apiError, commonErrors, releaseParam } from "@/lib/api/schemas";
import { oneRelease } from "./releases";

const idParam = z.string().regex(/^\d{1,10}$/);
const asId = (value: string): number | null => (Number(value) <= 2_147_483_647 ? Number(value) : null);
const errors = { 400: { description: "A field is wrong (fieldErrors says which)", schema: apiError }, 404: { description: "Not found", schema: apiError }, 409: { description: "Refused now, in words (a conflict on main, a step changed since publishing)", schema: apiError }, ...commonErrors };

const publishBody = z
  .object({
    stage: z.union([z.string(), z.number().int()]).optional().describe("The stage to publish: its id or its name (e.g. canary)"),
    customers: z.array(z.number().int()).optional().describe("Or: these customers' steps (ids)"),
  })
  .meta({ id: "PublishManifests" });

const published = z
  .object({
    publishes: z.array(
      z.object({
        id: z.number().int(),
        repository: z.string(),
        branch: z.string(),
        commitSha: z.string(),
        files: z.number().int(),
        unchanged: z.boolean().describe("Nothing changed since the last publish of this branch: no new commit"),
      }),
    ),
  })
  .meta({ id: "Published" });

export const publishManifestsOp = defineOperation({
  method: "POST",
  path: "/releases/{release}/manifests/publish",
  summary: "Publish a stage's manifests to the manifest repository",
  description:
    "Writes every chosen customer's rendered manifest (YAML steps in `manifest` mode) to the repository's path pattern on `runsheet/<release>/<stage>`, one commit per repository; identical content is not committed again. Someone other than the publisher then approves the merge. Needs Release manager or Admin.",
  role: "viewer",
  params: { release: releaseParam },
  body: publishBody,
  responses: { 201: { description: "What was published", schema: published }, ...errors },
  run: async ({ actor, via, params, body }) => {
    const release = await oneRelease(params.release);
    if (release instanceof Response) return release;
    let stageId: number | undefined;
    if (body?.stage !== undefined) {
      const found = await stageByRef(release.id, body.stage);
      if (found === null) return problem("not_found", `Release ${release.name} has no stage "${String(body.stage)}".`, { fieldErrors: { stage: ["No such stage in this release."] } });
      stageId = found;
    }
    const result = await callAs(publishManifestsAction, actor, { releaseId: release.id, stageId, customerIds: body?.customers ?? [], chosen: body?.customers !== undefined }, via);
    if (!result.ok) return refusal(result);
    return json({ publishes: result.data.map((p) => ({ id: p.publishId, repository: p.repository, branch: p.branch, commitSha: p.commitSha, files: p.files, unchanged: p.unchanged })) }, 201);
  },
});

const objectChange = z.object({ kind: z.string(), name: z.string(), namespace: z.string().nullable(), change: z.enum(["added", "changed", "removed", "unchanged"]), wrongNamespace: z.boolean() });
const publishAnswer = z
  .object({
    publish: z.object({
      id: z.number().int(),
      releaseId: z.number().int(),
      title: z.string(),
      status: z.enum(["open", "merging", "merged", "superseded"]),
      repository: z.string(),
      branch: z.string(),
      targetBranch: z.string(),
      commitSha: z.string().describe("The commit an approval merges (send it back to /merge)"),
      baseSha: z.string(),
      publishedBy: z.string().nullable(),
      publishedAt: z.string(),
      mergedSha: z.string().nullable(),
      mergedBy: z.string().nullable(),
      mergedAt: z.string().nullable(),
      conflicts: z.array(z.string()).describe("Files the last merge attempt found changed on the target branch"),
      files: z.array(
        z.object({
          stepId: z.number().int(),
          customer: z.object({ id: z.number().int(), name: z.string(), namespace: z.string(), cluster: z.string() }),
          path: z.string(),
          change: z.enum(["added", "changed", "unchanged"]),
          objects: z.array(objectChange).nullable(),
          wrongNamespace: z.boolean(),
          blobSha: z.string(),
          content: z.string(),
          before: z.string().nullable().describe("The target branch's text at publish time (null: a new file)"),
          drifted: z.boolean().nullable(),
        }),
      ),
    }),
  })
  .meta({ id: "ManifestPublish" });

export const getPublishOp = defineOperation({
  method: "GET",
  path: "/manifests/{publishId}",
  summary: "A publish and its merge view",
  description: "Per file: where it goes, the objects it adds, changes or removes (kind/name/namespace), the text before and after, and a namespace mismatch.",
  role: "viewer",
  params: { publishId: idParam },
  responses: { 200: { description: "The publish", schema: publishAnswer }, ...errors },
  run: async ({ actor, params }) => {
    const id = asId(params.publishId);
    const p = id === null ? null : await getPublish(id, actor.id);
    if (!p) return problem("not_found", "That publish was not found.");
    return json({
      publish: {
        id: p.id,
        releaseId: p.releaseId,
        title: p.title,
        status: p.status,
        repository: p.repository,
        branch: p.branch,
        targetBranch: p.targetBranch,
        commitSha: p.commitSha,
        baseSha: p.baseSha,
        publishedBy: p.publishedBy,
        publishedAt: p.publishedAt,
        mergedSha: p.mergedSha,
        mergedBy: p.mergedBy,
        mergedAt: p.mergedAt,
        conflicts: p.conflicts,
        files: p.filesList.map((f) => ({ stepId: f.stepId, customer: f.customer, path: f.path, change: f.change, objects: f.objects, wrongNamespace: f.wrongNamespace, blobSha: f.blobSha, content: f.content, before: f.before, drifted: f.drifted })),
      },
    });
  },
});

const mergeBody = z.object({ commitSha: z.string().describe("The publish's commit you reviewed (GET /manifests/{publishId})") }).meta({ id: "MergeManifests" });
const mergeAnswer = z.object({ publishId: z.number().int(), mergedSha: z.string(), mergeKind: z.string(), done: z.number().int().describe("Customer steps marked done by the merge"), notDone: z.number().int().describe("Steps someone decided by hand meanwhile (their files merged all the same)") }).meta({ id: "Merged" });

export const mergePublishOp = defineOperation({
  method: "POST",
  path: "/manifests/{publishId}/merge",
  summary: "Approve and merge a publish",
  description:
    "Four eyes: someone other than the publisher approves exactly the commit they reviewed. Fast-forward or a merge commit into the target branch; a file changed there since is a conflict (409, listed), never forced. Each customer's step is then done with the commit as evidence; webhook `manifests.merged`. Needs Release manager or Admin.",
  role: "viewer",
  params: { publishId: idParam },
  body: mergeBody,
  responses: { 200: { description: "Merged", schema: mergeAnswer }, ...errors },
  run: async ({ actor, via, params, body }) => {
    const id = asId(params.publishId);
    if (id === null) return problem("not_found", "That publish was not found.");
    const result = await callAs(mergePublishAction, actor, { publishId: id, commitSha: body?.commitSha ?? "" }, via);
    if (!result.ok) return refusal(result);
    return json(result.data);
  },
});

const compareBody = z.object({ stepId: z.number().int().optional().describe("One customer step; left out: every merged step of the release") }).meta({ id: "CompareManifests" });
const compareAnswer = z
  .object({
    checked: z.number().int(),
    same: z.number().int(),
    changed: z.array(z.object({ stepId: z.number().int(), customer: z.string(), path: z.string(), missing: z.boolean().describe("The file was deleted") })),
    targetSha: z.string().nullable(),
  })
  .meta({ id: "ManifestDrift" });

export const compareManifestsOp = defineOperation({
  method: "POST",
  path: "/releases/{release}/manifests/compare",
  summary: "Compare merged manifests with the repository",
  description: "Does the target branch still hold exactly the merged files? A file edited by hand since is listed (and marked in the panel and the matrix). Needs Release manager or Admin.",
  role: "viewer",
  params: { release: releaseParam },
  body: compareBody,
  responses: { 200: { description: "What changed", schema: compareAnswer }, ...errors },
  run: async ({ actor, via, params, body }) => {
    const release = await oneRelease(params.release);
    if (release instanceof Response) return release;
    const result = await callAs(compareManifestsAction, actor, { releaseId: release.id, stepId: body?.stepId }, via);
    if (!result.ok) return refusal(result);
    return json(result.data);
  },
});
