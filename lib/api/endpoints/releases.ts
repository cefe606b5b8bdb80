import "server-only";
import type { z } from "zod";
import { csvTable } from "@/lib/domain/shared/csv";
import { listReleases } from "@/lib/domain/releases/queries/releases";
import { releasesByRef, type ReleaseRef } from "@/lib/domain/releases/queries/release-ref";
import { apiReleaseSteps } from "@/lib/domain/steps/queries/api-steps";
import { defineOperation } from "@/lib/api/operation";
import { json, problem } from "@/lib/api/respond";
import { apiError, commonErrors, releaseList, releaseParam, releaseStatusAnswer, statusQuery, type apiRelease } from "@/lib/api/schemas";

const errors = commonErrors;

export const listReleasesOp = defineOperation({
  method: "GET",
  path: "/releases",
  summary: "List releases",
  description: "Every release, newest first, with its progress as the releases list shows it.",
  role: "viewer",
  responses: { 200: { description: "The releases", schema: releaseList }, ...errors },
  run: async () => {
    const rows = await listReleases();
    const releases: Array<z.output<typeof apiRelease>> = rows.map((r) => ({
      id: r.id,
      name: r.name,
      version: r.versionNumber,
      type: r.type,
      status: r.status,
      releaseDate: r.releaseDate,
      customers: r.customers,
      steps: { total: r.stepsTotal, done: r.stepsDone, skipped: r.stepsSkipped },
      progress: { all: Math.round(r.progress.all.percent), deploy: Math.round(r.progress.deploy.percent), verify: Math.round(r.progress.verify.percent) },
    }));
    return json({ releases });
  },
});

/** The one release a reference names, or the answer that says why not. */
export async function oneRelease(ref: string): Promise<ReleaseRef | Response> {
  const found = await releasesByRef(ref);
  if (found.length === 0) return problem("not_found", `No release is called "${ref}".`);
  if (found.length > 1) {
    return problem("invalid_input", `Several releases have version ${ref} (${found.map((r) => `${r.name}: id ${r.id}`).join(", ")}); use the id.`, {
      fieldErrors: { release: ["Ambiguous: use the release's id."] },
    });
  }
  return found[0];
}

export const releaseStatusOp = defineOperation({
  method: "GET",
  path: "/releases/{release}/status",
  summary: "A release's status per customer and step",
  description: "Every customer's steps with status, who and when. `?format=csv` (or `Accept: text/csv`) answers one row per customer step.",
  role: "viewer",
  params: { release: releaseParam },
  query: statusQuery,
  responses: {
    200: { description: "The status (JSON, or CSV when asked)", schema: releaseStatusAnswer, csv: true },
    404: { description: "No such release", schema: apiError },
    ...errors,
  },
  run: async ({ params, query, request }) => {
    const release = await oneRelease(params.release);
    if (release instanceof Response) return release;
    const steps = await apiReleaseSteps(release.id);
    const csv = query.format === "csv" || (!query.format && /\btext\/csv\b/.test(request.headers.get("accept") ?? ""));
    if (csv) {
      const head = ["cluster", "customer", "namespace", "category", "step", "status", "by", "at_utc", "skip_reason", "notes", "step_id", "version"];
      const rows = steps.map((s) => [s.customer.cluster, s.customer.name, s.customer.namespace, s.step.category, s.step.name, s.status, s.executedBy, s.executedAt, s.skipReason, s.notes, s.id, s.version]);
      const file = `${release.name.replace(/[^A-Za-z0-9._-]+/g, "-")}-status.csv`;
      return new Response(csvTable(head, rows), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" },
      });
    }
    const customers = new Map<number, z.output<typeof releaseStatusAnswer>["customers"][number]>();
    for (const { release: _r, customer, ...step } of steps) {
      let entry = customers.get(customer.id);
      if (!entry) customers.set(customer.id, (entry = { id: customer.id, name: customer.name, cluster: customer.cluster, namespace: customer.namespace, complete: true, steps: [] }));
      entry.steps.push(step);
      if (step.status !== "done" && step.status !== "skipped") entry.complete = false;
    }
    return json({ release: { id: release.id, name: release.name, version: release.versionNumber, status: release.status }, customers: [...customers.values()] });
  },
});
