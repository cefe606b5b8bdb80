import "server-only";
import { getPipeline } from "@/lib/domain/stages/queries/pipeline";
import { breakGlassBy } from "@/lib/domain/stages/queries/break-glass-by";
import { listRuns } from "@/lib/domain/runs/queries/runs";
import { groupIdsOf, trackPreview } from "@/lib/domain/tracks/queries/tracks";
import { getBurndown } from "@/lib/domain/releases/queries/burndown";
import { permissionsOf } from "@/lib/auth/roles";
import { defineLoader, firstParam, rowIdOf, type SearchParams } from "@/lib/domain/define-loader";
import { getTemplateStep, getTemplateSteps } from "@/lib/domain/templates/queries/templates";
import { parseReleaseListParams } from "./input";
import { getRelease, getReleaseCustomers, listReleases } from "@/lib/domain/releases/queries/releases";
import { listClusterOptions } from "@/lib/domain/clusters/queries/clusters";

/** Releases page (FR-001, FC-006): every release, searched and filtered by status, type and cluster. */
export const loadReleasesPage = defineLoader("viewer", async (actor, search: SearchParams) => {
  const { badCluster, ...params } = parseReleaseListParams(search);
  const clusters = await listClusterOptions();
  // A filter naming a deleted or unknown cluster shows every release, with a note, not an empty page.
  const filterCluster = clusters.find((c) => c.id === params.clusterId);
  const staleFilter = badCluster || (params.clusterId !== undefined && !filterCluster);
  const filter = { ...params, clusterId: filterCluster?.id };
  return { can: permissionsOf(actor.role), filter, clusters, filterCluster, staleFilter, releases: await listReleases(filter) };
});

/** One release, or null when the id is malformed or unknown (page and metadata share it). */
export const loadRelease = defineLoader("viewer", async (_actor, rawId: string) => {
  const id = rowIdOf(rawId);
  return id ? getRelease(id) : null;
});

/** Release page (FR-002..FR-005): details, template steps, customers and progress. */
export const loadReleasePage = defineLoader("viewer", async (actor, rawId: string) => {
  const release = await loadRelease(rawId);
  if (!release) return null;
  const [steps, groups, burndown, pipeline, myGroupIds, trackPlan, breakGlass, runs] = await Promise.all([
    getTemplateSteps(release.id),
    getReleaseCustomers(release.id),
    release.status === "draft" ? null : getBurndown({ id: release.id, releaseDate: release.releaseDate }),
    release.status === "draft" ? null : getPipeline(release.id),
    groupIdsOf(actor.id),
    release.status === "draft" && release.track ? trackPreview(release.track.id) : null,
    release.status === "active" ? breakGlassBy() : [],
    release.status === "draft" ? [] : listRuns(release.id, 8),
  ]);
  return { can: permissionsOf(actor.role), viewer: { id: actor.id, groupIds: myGroupIds, breakGlassBy: breakGlass }, release, steps, groups, burndown, pipeline, trackPlan, runs };
});

/** Pages that change a release (edit details, add a template step) need a release manager. */
export const loadReleaseForEdit = defineLoader("release_manager", async (_actor, rawId: string) => loadRelease(rawId));

/** New template step: the release and its current steps (to place the new one after). */
export const loadNewTemplatePage = defineLoader("release_manager", async (_actor, rawId: string, search: SearchParams) => {
  const release = await loadRelease(rawId);
  if (!release) return null;
  const steps = await getTemplateSteps(release.id);
  const category = firstParam(search.category) === "verify" ? ("verify" as const) : ("deploy" as const);
  const siblings = [...steps.deploy, ...steps.verify].map((s) => ({ id: s.id, name: s.name, category: s.category }));
  return { release, category, siblings };
});

/** Edit template step (FS-002): the release and the step with its copies' standing. */
export const loadEditTemplatePage = defineLoader("release_manager", async (_actor, rawReleaseId: string, rawTemplateId: string) => {
  const releaseId = rowIdOf(rawReleaseId);
  const templateId = rowIdOf(rawTemplateId);
  if (!releaseId || !templateId) return null;
  const [release, step] = await Promise.all([loadRelease(rawReleaseId), getTemplateStep(releaseId, templateId)]);
  return release && step ? { release, step } : null;
});
