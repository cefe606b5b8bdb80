import "server-only";
import { z } from "zod";
import { callAs } from "@/lib/domain/define-action";
import { applyFleetImportAction, exportFleetAction, previewFleetImportAction } from "@/lib/domain/fleet/actions";
import { FLEET_TEXT_MAX } from "@/lib/domain/fleet/input";
import { defineOperation } from "@/lib/api/operation";
import { json, problem, refusal } from "@/lib/api/respond";
import { apiError, commonErrors } from "@/lib/api/schemas";

const change = z.object({ field: z.string(), from: z.string(), to: z.string() });
const fleetAnswer = z
  .object({
    applied: z.boolean().describe("false for a dry run: nothing was written"),
    summary: z.object({
      clustersCreated: z.number().int(),
      clustersUpdated: z.number().int(),
      customersCreated: z.number().int(),
      customersUpdated: z.number().int(),
      customersMoved: z.number().int(),
      customersArchived: z.number().int(),
      customersRestored: z.number().int(),
      customersKeptMissing: z.number().int().describe("Active customers the file does not list, kept (archiveMissing=false)"),
      stepsCreated: z.number().int().describe("Steps new and restored customers got from active releases (0 in a dry run)"),
    }),
    changes: z.object({
      clusters: z.array(z.object({ name: z.string(), action: z.enum(["create", "update"]), changes: z.array(change) })),
      customers: z.array(z.object({ name: z.string(), action: z.enum(["create", "update", "archive", "restore"]), changes: z.array(change) })),
    }),
  })
  .meta({ id: "FleetImport" });

export const putFleetOp = defineOperation({
  method: "PUT",
  path: "/fleet",
  summary: "Keep the fleet in sync with a fleet file",
  description:
    "The body is a fleet file (`kind: runsheet/fleet@1`, YAML or JSON; GET /fleet exports one). A **dry run by default**: the answer says what would change. " +
    "`?apply=true` applies it in one transaction (audited as one entry with the counts); any problem refuses the whole file with 400 and `fieldErrors` by path " +
    "(`customers.12.namespace`). `archiveMissing=true` archives active customers the file does not list (otherwise they are kept). The same file twice changes nothing.",
  role: "release_manager",
  query: z.object({
    apply: z.enum(["true", "false"]).default("false").describe("true: apply; otherwise a dry run"),
    archiveMissing: z.enum(["true", "false"]).default("false").describe("Archive active customers the file does not list"),
  }),
  fileBody: { description: "A fleet file", contentTypes: ["application/yaml", "application/json"] },
  responses: {
    200: { description: "What changed (apply=true) or would change (dry run)", schema: fleetAnswer },
    400: { description: "The file has problems (fieldErrors by path); nothing was changed", schema: apiError },
    ...commonErrors,
  },
  run: async ({ actor, via, request, query }) => {
    const text = await request.text();
    if (text.length > FLEET_TEXT_MAX) return problem("invalid_input", "The file is too large (10 MB at most).", { fieldErrors: { file: ["The file is too large (10 MB at most)."] } });
    const input = { source: "fleet", text, archiveMissing: query!.archiveMissing === "true" };
    const result = query!.apply === "true" ? await callAs(applyFleetImportAction, actor, input, via) : await callAs(previewFleetImportAction, actor, input, via);
    if (!result.ok) return refusal(result);
    const { plan, applied, stepsCreated } = result.data;
    return json({
      applied,
      summary: {
        clustersCreated: plan.clusters.create.length,
        clustersUpdated: plan.clusters.update.length,
        customersCreated: plan.customers.create.length,
        customersUpdated: plan.customers.update.length,
        customersMoved: plan.customers.update.filter((u) => u.moved).length,
        customersArchived: plan.customers.archive.length,
        customersRestored: plan.customers.restore.length,
        customersKeptMissing: plan.customers.keptMissing.length,
        stepsCreated,
      },
      changes: {
        clusters: [
          ...plan.clusters.create.map((c) => ({ name: c.name, action: "create" as const, changes: [] })),
          ...plan.clusters.update.map((c) => ({ name: c.name, action: "update" as const, changes: c.changes })),
        ],
        customers: [
          ...plan.customers.create.map((c) => ({ name: c.name, action: "create" as const, changes: [] })),
          ...plan.customers.update.map((c) => ({ name: c.name, action: "update" as const, changes: c.changes })),
          ...plan.customers.archive.map((c) => ({ name: c.name, action: "archive" as const, changes: [] })),
          ...plan.customers.restore.map((c) => ({ name: c.name, action: "restore" as const, changes: [] })),
        ],
      },
    });
  },
});

export const getFleetOp = defineOperation({
  method: "GET",
  path: "/fleet",
  summary: "Export the fleet file",
  description: "Every cluster and customer (archived ones marked) as a fleet file (YAML). PUT it back unchanged and nothing changes.",
  role: "viewer",
  responses: { 200: { description: "The fleet file (application/yaml)" }, ...commonErrors },
  run: async ({ actor, via }) => {
    const result = await callAs(exportFleetAction, actor, {}, via);
    if (!result.ok) return refusal(result);
    return new Response(result.data.yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "cache-control": "no-store", "content-disposition": 'attachment; filename="fleet.runsheet.yaml"' } });
  },
});
