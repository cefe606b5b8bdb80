"use server";

import { defineAction } from "@/lib/domain/define-action";
import { breakGlassInput, promoteInput, signOffInput, withdrawSignOffInput } from "./input";
import { signOff, withdrawSignOff } from "@/lib/domain/stages/mutations/sign-offs";
import { promoteStage } from "@/lib/domain/stages/mutations/promote";

// A stage change shows on the release, its matrix and the dashboard.
const paths = (releaseId: number) => [`/releases/${releaseId}`, `/releases/${releaseId}/matrix`, "/"];

/** Any signed-in member of the group may sign off, whatever the role: membership is the permission. */
export const signOffAction = defineAction({
  name: "release.sign_off",
  role: "viewer",
  verb: "sign off",
  input: signOffInput,
  run: (input, actor) => signOff(input, actor),
  revalidate: (_data, input) => paths(input.releaseId),
});

export const withdrawSignOffAction = defineAction({
  name: "release.withdraw_sign_off",
  role: "viewer",
  verb: "withdraw a sign-off",
  input: withdrawSignOffInput,
  run: (input, actor) => withdrawSignOff(input, actor),
  revalidate: (_data, input) => paths(input.releaseId),
});

export const promoteStageAction = defineAction({
  name: "release.promote",
  role: "release_manager",
  verb: "promote a release to its next stage",
  input: promoteInput,
  run: (input, actor) => promoteStage(input, actor),
  revalidate: (_data, input) => paths(input.releaseId),
});

export const breakGlassAction = defineAction({
  name: "release.break_glass",
  role: "admin",
  verb: "open a stage early (break glass)",
  input: breakGlassInput,
  run: (input, actor) => promoteStage(input, actor),
  revalidate: (_data, input) => paths(input.releaseId),
});
