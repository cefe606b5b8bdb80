import "server-only";
import { z } from "zod";
import { callAs } from "@/lib/domain/define-action";
import { runAcrossAction, runCustomerAction, runStepAction } from "@/lib/domain/runs/actions";
import { getRun, runOutput } from "@/lib/domain/runs/queries/runs";
import { apiStep } from "@/lib/domain/steps/queries/api-steps";
import { defineOperation } from "@/lib/api/operation";
import { json, problem, refusal } from "@/lib/api/respond";
import { apiError, commonErrors } from "@/lib/api/schemas";
import { oneRelease } from "./releases";

// Run ids are 32-bit: a larger number is no run (404 from the handler), never a database error.
const idParam = z.string().regex(/^\d{1,10}$/);
const asRunId = (value: string): number | null => (Number(value) <= 2_147_483_647 ? Number(value) : null);
const errors = { 400: { description: "A field is wrong (fieldErrors says which)", schema: apiError }, 404: { description: "Not found", schema: apiError }, ...commonErrors };

const runItem = z.object({
  id: z.number().int(),
  position: z.number().int(),
  stepId: z.number().int(),
  stepName: z.string(),
  customer: z.object({ id: z.number().int(), name: z.string(), namespace: z.string(), cluster: z.string() }),
  state: z.enum(["queued", "running", "done", "failed", "unknown", "cancelled"]),
  agent: z.string().nullable(),
  claimedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  note: z.string().nullable().describe("Why it ended as it did, in words"),
  sha256: z.string().nullable().describe("SHA-256 of exactly what ran (fixed when an agent claimed it)"),
  outputCharacters: z.number().int(),
});
const runAnswer = z
  .object({
    run: z.object({
      id: z.number().int(),
      releaseId: z.number().int(),
      title: z.string(),
      status: z.enum(["active", "paused", "cancelled", "finished"]),
      pausedReason: z.string().nullable(),
      startedBy: z.string().nullable(),
      createdAt: z.string(),
      finishedAt: z.string().nullable(),
      counts: z.record(z.string(), z.number().int()),
      items: z.array(runItem),
    }),
  })
  .meta({ id: "Run" });

const startBody = z
  .object({
    stepId: z.number().int().optional().describe("Run one customer step (with expectedVersion, or its current version)"),
    expectedVersion: z.number().int().optional(),
    release: z.string().optional().describe("With templateStep (across customers) or customer (a customer's steps in order): the release's id, name or version"),
    templateStep: z.number().int().optional().describe("Run this template step across the release's customers"),
    cluster: z.number().int().optional().describe("Only this cluster's customers (across)"),
    customer: z.number().int().optional().describe("Run this customer's agent steps in order, stopping at the first failure"),
    maxParallel: z.number().int().optional().describe("At most this many at a time (across; default 5)"),
    maxParallelPerCluster: z.number().int().optional().describe("…and per cluster (default 5)"),
    failureBudget: z.number().int().optional().describe("Pause after this many failures"),
    failureBudgetPercent: z.number().int().optional().describe("…or when this percentage of the run's steps failed"),
    timeoutMinutes: z.number().int().optional().describe("Per step (default 10)"),
  })
  .meta({ id: "StartRun" });

async function runJson(runId: number) {
  const run = await getRun(runId);
  if (!run) return problem("not_found", "That run was not found.");
  return json({
    run: {
      id: run.id,
      releaseId: run.releaseId,
      title: run.title,
      status: run.status,
      pausedReason: run.pausedReason,
      startedBy: run.startedByName,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      counts: run.counts,
      items: run.items.map((i) => ({
        id: i.id,
        position: i.position,
        stepId: i.stepId,
        stepName: i.stepName,
        customer: { id: i.customerId, name: i.customerName, namespace: i.namespace, cluster: i.clusterName },
        state: i.state,
        agent: i.agentName,
        claimedAt: i.claimedAt?.toISOString() ?? null,
        finishedAt: i.finishedAt?.toISOString() ?? null,
        exitCode: i.exitCode,
        durationMs: i.durationMs,
        note: i.note,
        sha256: i.contentSha256,
        outputCharacters: i.outputBytes,
      })),
    },
  });
}

export const startRunOp = defineOperation({
  method: "POST",
  path: "/runs",
  summary: "Start a run (agents execute steps)",
  description:
    "One of: `stepId` (one customer step); `release` and `templateStep` (across customers, with a window and a failure budget); `release` and `customer` (a customer's steps in order). The same rules as the browser's Run buttons (stage gates, four eyes, archived customers). Needs Release manager or Admin.",
  role: "viewer",
  body: startBody,
  responses: { 201: { description: "The run as started", schema: runAnswer }, 409: { description: "Nothing could run, in words", schema: apiError }, ...errors },
  run: async ({ actor, via, body }) => {
    const b = body!;
    let result;
    if (b.stepId !== undefined) {
      const version = b.expectedVersion ?? (await apiStep(b.stepId))?.version;
      if (version === undefined) return problem("not_found", "That step was not found.");
      result = await callAs(runStepAction, actor, { stepId: b.stepId, version, timeoutMinutes: b.timeoutMinutes }, via);
    } else if (b.release && (b.templateStep !== undefined || b.customer !== undefined)) {
      const release = await oneRelease(b.release);
      if (release instanceof Response) return release;
      result =
        b.templateStep !== undefined
          ? await callAs(runAcrossAction, actor, { releaseId: release.id, templateId: b.templateStep, clusterId: b.cluster, maxParallel: b.maxParallel, maxParallelPerCluster: b.maxParallelPerCluster, failureBudget: b.failureBudget, failureBudgetPercent: b.failureBudgetPercent, timeoutMinutes: b.timeoutMinutes }, via)
          : await callAs(runCustomerAction, actor, { releaseId: release.id, customerId: b.customer, timeoutMinutes: b.timeoutMinutes }, via);
    } else {
      return problem("invalid_input", "Say what to run: stepId, or release with templateStep or customer.", { fieldErrors: { stepId: ["Give stepId, or release with templateStep or customer."] } });
    }
    if (!result.ok) return refusal(result);
    const answer = await runJson(result.data.runId);
    return new Response(answer.body, { status: 201, headers: answer.headers });
  },
});

export const getRunOp = defineOperation({
  method: "GET",
  path: "/runs/{runId}",
  summary: "A run's state",
  description: "Its status, counts and every item: state, agent, exit code, duration, what ran (SHA-256) and how much output arrived.",
  role: "viewer",
  params: { runId: idParam },
  responses: { 200: { description: "The run", schema: runAnswer }, ...errors },
  run: async ({ params }) => {
    const runId = asRunId(params.runId);
    return runId === null ? problem("not_found", "That run was not found.") : runJson(runId);
  },
});

const outputAnswer = z
  .object({
    itemId: z.number().int(),
    state: z.enum(["queued", "running", "done", "failed", "unknown", "cancelled"]),
    from: z.number().int().describe("Where `text` starts in the output (0 again once the output was cut)"),
    text: z.string().describe("Output as text (ANSI colour codes included; never HTML)"),
    received: z.number().int().describe("Characters received so far: ask from this next time"),
    cut: z.boolean().describe("The middle was cut (the head and the tail are kept, and the cut is said in the text)"),
    exitCode: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: "RunOutput" });

export const runOutputOp = defineOperation({
  method: "GET",
  path: "/runs/{runId}/items/{itemId}/output",
  summary: "A run item's output",
  description: "stdout and stderr as they arrived, from `from` on (what you have not read yet). Live pages ask after each announcement on /events.",
  role: "viewer",
  params: { runId: idParam, itemId: z.string().regex(/^\d{1,15}$/) },
  query: z.object({ from: z.coerce.number().int().min(0).default(0).describe("Characters already read") }),
  responses: { 200: { description: "The output", schema: outputAnswer }, ...errors },
  run: async ({ params, query }) => {
    const runId = asRunId(params.runId);
    const slice = runId === null ? null : await runOutput(runId, Number(params.itemId), query!.from);
    if (!slice) return problem("not_found", "That run item was not found.");
    const { releaseId, ...rest } = slice;
    void releaseId;
    return json(rest);
  },
});
