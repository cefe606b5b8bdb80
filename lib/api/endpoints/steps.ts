import "server-only";
import type { z } from "zod";
import { callAs } from "@/lib/domain/define-action";
import { addStepNoteAction, markStepDoneAction, revertStepAction, skipStepAction } from "@/lib/domain/steps/actions";
import { apiStep, findApiSteps, type ApiStep, type StepLookup } from "@/lib/domain/steps/queries/api-steps";
import type { ActionResult } from "@/lib/domain/action-result";
import { defineOperation } from "@/lib/api/operation";
import { json, problem, refusal } from "@/lib/api/respond";
import { apiError, commonErrors, conflictAnswer, doneBody, findStepQuery, noteBody, revertBody, skipBody, stepAnswer, stepIdParam } from "@/lib/api/schemas";
import { oneRelease } from "./releases";

const errors = {
  400: { description: "A field is wrong (fieldErrors says which)", schema: apiError },
  404: { description: "No such step", schema: apiError },
  ...commonErrors,
};

export const findStepOp = defineOperation({
  method: "GET",
  path: "/steps",
  summary: "Find a customer's step",
  description:
    "By release (id, name or version), customer (`customer` id, or `cluster` and `namespace`) and step (`step`: the template step's id or its name, any case). Answers the step with its id and version for the actions below.",
  role: "viewer",
  query: findStepQuery,
  responses: { 200: { description: "The step", schema: stepAnswer }, ...errors },
  run: async ({ query }) => {
    const found = await findOne(query);
    return found instanceof Response ? found : json({ step: found });
  },
});

/** The one step a lookup names, or the answer that says why not. */
async function findOne(query: z.output<typeof findStepQuery>): Promise<ApiStep | Response> {
  let customer: StepLookup["customer"];
  if (query.customer) {
    if (!/^\d{1,10}$/.test(query.customer)) return problem("invalid_input", "customer must be the customer's id.", { fieldErrors: { customer: ["Use the customer's id (or cluster and namespace)."] } });
    customer = { id: Number(query.customer) };
  } else if (query.cluster && query.namespace) {
    customer = { cluster: query.cluster, namespace: query.namespace };
  } else {
    return problem("invalid_input", "Name the customer: customer=<id>, or cluster=<name>&namespace=<namespace>.", { fieldErrors: { customer: ["Give customer, or cluster and namespace."] } });
  }
  const release = await oneRelease(query.release);
  if (release instanceof Response) return release;
  const step = /^\d{1,10}$/.test(query.step) ? { templateId: Number(query.step) } : { name: query.step };
  const found = await findApiSteps({ releaseId: release.id, customer, step });
  if (found.length === 0) return problem("not_found", `${release.name} has no step "${query.step}" for that customer.`);
  if (found.length > 1) {
    return problem("invalid_input", `That customer has ${found.length} steps named "${query.step}" (ids ${found.map((x) => x.id).join(", ")}); use the template step's id or the step's id.`);
  }
  return found[0];
}

export const getStepOp = defineOperation({
  method: "GET",
  path: "/steps/{stepId}",
  summary: "A customer's step",
  role: "viewer",
  params: { stepId: stepIdParam },
  responses: { 200: { description: "The step", schema: stepAnswer }, ...errors },
  run: async ({ params }) => {
    const step = await apiStep(Number(params.stepId));
    return step ? json({ step }) : problem("not_found", "That step was not found.");
  },
});

type StepAction = (raw: unknown) => Promise<ActionResult<unknown>>;

/**
 * A step action through the server action's own definition (callAs): the same role check, input
 * rules, state machine, stage gates and conflict answer as a click in the browser. Without
 * `expectedVersion`, the step's current version is used (the change is still refused if it moves
 * meanwhile). The answer is the step as it is afterwards; a 409 carries the step as it is now.
 */
async function act(action: StepAction, ctx: { actor: Parameters<typeof callAs>[1]; via: string; params: Record<string, string> }, fields: Record<string, unknown>, expected?: number): Promise<Response> {
  const stepId = Number(ctx.params.stepId);
  let version = expected;
  if (version === undefined) {
    const current = await apiStep(stepId);
    if (!current) return problem("not_found", "That step was not found.");
    version = current.version;
  }
  const result = await callAs(action, ctx.actor, { stepId, version, ...fields }, ctx.via);
  if (!result.ok) {
    if (result.code === "conflict" || result.code === "invalid_state") {
      const now = await apiStep(stepId);
      return refusal(result, now ? { step: now } : undefined);
    }
    return refusal(result);
  }
  const step = await apiStep(stepId);
  return json({ step });
}

const actionResponses = {
  200: { description: "Done: the step as it is now", schema: stepAnswer },
  403: { description: "The token's role may not do this (Release manager or Admin needed)", schema: apiError },
  409: { description: "Refused by the step's state or stage gate (invalid_state), or changed by someone else since expectedVersion (conflict: the message says who)", schema: conflictAnswer },
  ...errors,
};

const stepAction = <B extends z.ZodObject>(verb: string, path: string, body: B, description: string, run: (ctx: { actor: Parameters<typeof callAs>[1]; via: string; params: Record<string, string>; body: z.output<B> }) => Promise<Response>) =>
  defineOperation({
    method: "POST",
    path: `/steps/{stepId}/${path}`,
    summary: verb,
    description: `${description} Needs Release manager or Admin.`,
    role: "viewer",
    params: { stepId: stepIdParam },
    body,
    responses: actionResponses,
    run: (ctx) => run(ctx as never),
  });

export const markDoneOp = stepAction("Mark a step done", "done", doneBody, "Marks the customer's step done, with optional notes (e.g. the job's URL).", (ctx) =>
  act(markStepDoneAction, ctx, { notes: ctx.body.notes ?? "" }, ctx.body.expectedVersion),
);
export const skipOp = stepAction("Skip a step", "skip", skipBody, "Skips the step for this customer; a reason is required.", (ctx) =>
  act(skipStepAction, ctx, { reason: ctx.body.reason }, ctx.body.expectedVersion),
);
export const revertOp = stepAction("Revert a done step", "revert", revertBody, "Reverts a done step (it becomes work to redo), with an optional reason.", (ctx) =>
  act(revertStepAction, ctx, { reason: ctx.body.reason ?? "" }, ctx.body.expectedVersion),
);
export const noteOp = stepAction("Add a note", "notes", noteBody, "Adds a note to the step in any state, optionally with a link (e.g. the CI job); kept in its history.", (ctx) =>
  act(addStepNoteAction, ctx, { text: ctx.body.text, link: ctx.body.link ?? "" }, ctx.body.expectedVersion),
);

/**
 * Mark done in one request from what a CI job knows (release, customer by cluster and namespace,
 * step name): the lookup of GET /steps, then the same action as POST /steps/{stepId}/done.
 */
export const markDoneByLookupOp = defineOperation({
  method: "POST",
  path: "/steps/done",
  summary: "Find a customer's step and mark it done",
  description: "The query of `GET /steps` names the step (release, customer or cluster and namespace, step); the body is that of `POST /steps/{stepId}/done`. Needs Release manager or Admin.",
  role: "viewer",
  query: findStepQuery,
  body: doneBody,
  responses: actionResponses,
  run: async (ctx) => {
    const found = await findOne(ctx.query);
    if (found instanceof Response) return found;
    return act(markStepDoneAction, { ...ctx, params: { stepId: String(found.id) } }, { notes: ctx.body.notes ?? "" }, ctx.body.expectedVersion);
  },
});
