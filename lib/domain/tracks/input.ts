import { z } from "zod";
import { checkbox, id, idList, longText, metadataKeyProblem, optionalText, requiredText } from "@/lib/domain/shared/input";
import { releaseTypes } from "@/db/schema/vocabulary";

/** One stage of a track as an admin defines it; soak in hours, as people plan it. */
export const stageInput = z
  .object({
    name: requiredText(60, "Stage name"),
    clusterIds: idList,
    labelKey: optionalText(64, "Label key"),
    labelValue: optionalText(500, "Label value"),
    requiredGroupIds: idList,
    soakHours: z.coerce.number({ error: "Soak time must be a number of hours." }).min(0, "Soak time cannot be negative.").max(24 * 90, "Soak time is at most 90 days."),
  })
  .superRefine((v, ctx) => {
    const problem = v.labelKey ? metadataKeyProblem(v.labelKey) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["labelKey"], message: problem });
    if (v.labelKey && !v.labelValue) ctx.addIssue({ code: "custom", path: ["labelValue"], message: "A label needs a value, e.g. wave = canary." });
    if (!v.labelKey && v.labelValue) ctx.addIssue({ code: "custom", path: ["labelKey"], message: "Which label? Give its key, e.g. wave." });
  });
export type StageInput = z.output<typeof stageInput>;

const fields = {
  name: requiredText(80, "Name"),
  description: longText(2_000, "Description"),
  /** "" when the track is no type's default. */
  defaultFor: z.enum(["", ...releaseTypes], { error: "Choose a release type, or none." }).default(""),
  promoterMayNotBeOnlySigner: checkbox,
  /** Agent-run steps go without a second reviewer on this track's releases (off by default). */
  agentReviewWaived: checkbox,
  stages: z.array(stageInput, { error: "A track needs stages." }).min(1, "A track needs at least one stage.").max(12, "A track has at most 12 stages."),
};

function distinctStageNames(v: { stages: StageInput[] }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  v.stages.forEach((s, i) => {
    const key = s.name.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["stages", i, "name"], message: `Two stages are called "${s.name}".` });
    seen.add(key);
  });
}

export const createTrackInput = z.object(fields).superRefine(distinctStageNames);
export type CreateTrackInput = z.output<typeof createTrackInput>;
export const updateTrackInput = z.object({ ...fields, id }).superRefine(distinctStageNames);
export type UpdateTrackInput = z.output<typeof updateTrackInput>;
export const trackIdInput = z.object({ id });

export const groupInput = z.object({ name: requiredText(60, "Group name") });
export const groupIdInput = z.object({ id });
/** The approver groups a user belongs to, as a whole (checkboxes on the Users page). */
// The form sends one empty value besides the ticked boxes, so "none ticked" still says "no groups".
export const userGroupsInput = z.object({ userId: id, groupIds: z.preprocess((v) => (Array.isArray(v) ? v.filter((x) => x !== "") : v), idList) });
export type UserGroupsInput = z.output<typeof userGroupsInput>;
