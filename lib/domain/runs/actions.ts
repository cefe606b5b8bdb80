"use server";

import { defineAction } from "@/lib/domain/define-action";
import { runAcrossInput, runCustomerInput, runIdInput, runStepInput } from "./input";
import { startAcrossRun, startCustomerRun, startStepRun } from "./mutations/start";
import { cancelRun, pauseRun, resumeRun } from "./mutations/control";

const rm = "release_manager" as const;
const runPage = (d: { releaseId: number; runId: number }) => [`/releases/${d.releaseId}/runs/${d.runId}`];

export const runStepAction = defineAction({
  name: "run.step",
  role: rm,
  verb: "run steps",
  input: runStepInput,
  run: (input, actor) => startStepRun(input, actor),
});

export const runAcrossAction = defineAction({
  name: "run.across",
  role: rm,
  verb: "run steps",
  input: runAcrossInput,
  run: (input, actor) => startAcrossRun(input, actor),
});

export const runCustomerAction = defineAction({
  name: "run.customer",
  role: rm,
  verb: "run steps",
  input: runCustomerInput,
  run: (input, actor) => startCustomerRun(input, actor),
});

export const pauseRunAction = defineAction({ name: "run.pause", role: rm, verb: "pause runs", input: runIdInput, run: (input, actor) => pauseRun(input, actor), revalidate: runPage });
export const resumeRunAction = defineAction({ name: "run.resume", role: rm, verb: "resume runs", input: runIdInput, run: (input, actor) => resumeRun(input, actor), revalidate: runPage });
export const cancelRunAction = defineAction({ name: "run.cancel", role: rm, verb: "cancel runs", input: runIdInput, run: (input, actor) => cancelRun(input, actor), revalidate: runPage });
