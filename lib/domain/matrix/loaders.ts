import "server-only";
import { customerStages, getPipeline } from "@/lib/domain/stages/queries/pipeline";
import { permissionsOf } from "@/lib/auth/roles";
import { defineLoader, firstParam, rowIdOf, type SearchParams } from "@/lib/domain/define-loader";
import { matrixHref, parseMatrixParams } from "@/lib/domain/matrix/model/params";
import { getMatrix, getMatrixRelease, LARGE_RELEASE } from "@/lib/domain/matrix/queries/matrix";
import { getStepAcross } from "@/lib/domain/matrix/queries/step-across";

/** The release a matrix URL names (for its title), or null. */
export const loadMatrixRelease = defineLoader("viewer", async (_actor, rawId: string) => {
  const id = rowIdOf(rawId);
  return id ? getMatrixRelease(id) : null;
});

/** The release matrix (FV-003): the grid for the URL's filters, and what the viewer may do. */
export const loadMatrixPage = defineLoader("viewer", async (actor, rawId: string, search: SearchParams) => {
  const id = rowIdOf(rawId);
  if (!id) return null;
  const params = parseMatrixParams(search);
  const matrix = await getMatrix(id, params);
  if (!matrix) return null;
  const canAct = permissionsOf(actor.role).manageReleases && matrix.release.status === "active";
  const step = rowIdOf(firstParam(search.step)) ?? undefined;
  return { matrix, params, canAct, initialStep: step, canExpandAll: matrix.shownCustomers <= LARGE_RELEASE * 2.5 };
});

/** Step across customers (FV-005), or null when either id is malformed or unknown. */
export const loadStepAcross = defineLoader("viewer", async (actor, rawReleaseId: string, rawTemplateId: string) => {
  const releaseId = rowIdOf(rawReleaseId);
  const templateId = rowIdOf(rawTemplateId);
  const view = releaseId && templateId ? await getStepAcross(releaseId, templateId) : null;
  // Whether this viewer may hand the step to agents (release managers, on an active release).
  const canRun = permissionsOf(actor.role).manageReleases && view?.release.status === "active";
  return view ? { ...view, canRun, matrixHref: matrixHref(view.release.id, { category: view.template.category, workLeft: false, archived: false, open: "default" }) } : null;
});

/**
 * Campaign mode (run one step across customers): the copies of one template step still to do
 * (pending or reverted, customer active), ordered by cluster then customer, and whether the viewer
 * may act. Each step's content is loaded as it is reached (loadStepDetailAction), not all at once.
 */
export const loadCampaign = defineLoader("viewer", async (actor, rawReleaseId: string, rawTemplateId: string) => {
  const releaseId = rowIdOf(rawReleaseId);
  const templateId = rowIdOf(rawTemplateId);
  const view = releaseId && templateId ? await getStepAcross(releaseId, templateId) : null;
  if (!view) return null;
  // Ordered by stage, then cluster, then customer; a waiting stage's customers are not walked
  // (their steps cannot change yet): the page says how many wait.
  const [pipeline, placed] = await Promise.all([getPipeline(releaseId!), customerStages(releaseId!)]);
  const stageOf = new Map(placed.map((p) => [p.customerId, pipeline.stages.find((st) => st.id === p.stageId)]));
  const open = view.clusters.flatMap((k) =>
    k.customers
      .filter((c) => c.customer.isActive && c.step && (c.step.status === "pending" || c.step.status === "reverted"))
      .map((c) => ({ stepId: c.step!.id, version: c.step!.version, status: c.step!.status, customer: c.customer, cluster: { id: k.id, name: k.name }, missing: c.missing, stage: stageOf.get(c.customer.id) })),
  );
  const ready = open.filter((e) => !e.stage || e.stage.state !== "waiting");
  const queue = ready
    .map((e, order) => ({ e, order }))
    .sort((a, b) => (a.e.stage?.position ?? 0) - (b.e.stage?.position ?? 0) || a.order - b.order)
    .map(({ e: { stage: _stage, ...entry } }) => entry);
  const waitingForStage = open.length - ready.length;
  const canAct = permissionsOf(actor.role).manageReleases && view.release.status === "active";
  return { release: view.release, template: view.template, queue, total: view.counts.total, canAct, waitingForStage };
});
