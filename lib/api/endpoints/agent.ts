import "server-only";
import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { json, problem } from "@/lib/api/respond";
import { commonErrors, apiError } from "@/lib/api/schemas";
import { claimAnswer, claimRequest, finishAnswer, finishRequest, outputRequest, reportAnswer } from "@/lib/api/agent-protocol";
import { claimSteps } from "@/lib/domain/runs/mutations/claim";
import { appendRunOutput, finishRunItem } from "@/lib/domain/runs/mutations/report";
import { waitForWork } from "@/lib/domain/runs/queries/wake";
import { DomainError } from "@/lib/domain/errors";

const itemIdParam = z.string().regex(/^\d{1,15}$/).describe("The run item's id (from the claim)");
const errors = { 400: { description: "A field is wrong", schema: apiError }, 404: { description: "Not this agent's item", schema: apiError }, ...commonErrors };

/** A domain refusal as the agent reads it. */
const refused = (error: unknown) => {
  if (error instanceof DomainError) return problem(error.code === "not_found" ? "not_found" : "invalid_state", error.message);
  throw error;
};

export const agentClaimOp = defineOperation({
  method: "POST",
  path: "/agent/claim",
  caller: "agent",
  role: "viewer",
  summary: "An agent takes work (long poll)",
  description:
    "With an agent token. Answers up to `max` steps of the token's cluster, each claimed with a lease (FOR UPDATE SKIP LOCKED: never handed to two agents) and fixed as it will run. With nothing to do it waits up to `waitSeconds` for work to be queued, then answers an empty list.",
  body: claimRequest,
  responses: { 200: { description: "The steps to run now", schema: claimAnswer }, ...errors },
  run: async ({ agent, body, request }) => {
    const a = agent!;
    const deadline = Date.now() + body!.waitSeconds * 1000;
    for (;;) {
      const steps = await claimSteps(a, body!.max);
      if (steps.length || Date.now() >= deadline || request.signal.aborted) return json({ steps });
      // Woken as soon as work is queued for this cluster (or a slot frees); at least every 2 s regardless.
      await waitForWork(a.clusterId, Math.min(2_000, deadline - Date.now()), request.signal);
    }
  },
});

export const agentOutputOp = defineOperation({
  method: "POST",
  path: "/agent/items/{itemId}/output",
  caller: "agent",
  role: "viewer",
  summary: "An agent reports output (and renews its lease)",
  description: "Output since the last report; an empty `data` is a heartbeat. The answer says whether to stop (the run was cancelled).",
  params: { itemId: itemIdParam },
  body: outputRequest,
  responses: { 200: { description: "Carry on, or stop", schema: reportAnswer }, ...errors },
  run: async ({ agent, params, body }) => {
    try {
      return json(await appendRunOutput(agent!, Number(params.itemId), body!.data));
    } catch (error) {
      return refused(error);
    }
  },
});

export const agentFinishOp = defineOperation({
  method: "POST",
  path: "/agent/items/{itemId}/finish",
  caller: "agent",
  role: "viewer",
  summary: "An agent reports how a step ended",
  description: "Exit 0 marks the step done (executed by whoever started the run, via this agent); anything else marks it failed, with its output.",
  params: { itemId: itemIdParam },
  body: finishRequest,
  responses: { 200: { description: "What the step became", schema: finishAnswer }, ...errors },
  run: async ({ agent, params, body }) => {
    try {
      return json(await finishRunItem(agent!, Number(params.itemId), body!));
    } catch (error) {
      return refused(error);
    }
  },
});
