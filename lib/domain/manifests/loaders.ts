import "server-only";
import { permissionsOf } from "@/lib/auth/roles";
import { defineLoader, rowIdOf } from "@/lib/domain/define-loader";
import { getReleaseHeading } from "./queries/release-heading";
import { customersToPublish, getPublish, listPublishes, stagesToPublish } from "./queries/publishes";
import { listRepositories, repositoryScopes } from "./queries/repositories";

/** Admin → Manifest repositories: each repository and what it may serve. */
export const loadRepositoriesPage = defineLoader("admin", async () => {
  const [repositories, scopes] = await Promise.all([listRepositories(), repositoryScopes()]);
  return { repositories, scopes };
});

/** A release's manifests: what each stage has to publish, and every publish (null: no such release). */
export const loadReleaseManifestsPage = defineLoader("viewer", async (actor, rawReleaseId: string) => {
  const releaseId = rowIdOf(rawReleaseId);
  const release = releaseId ? await getReleaseHeading(releaseId) : null;
  if (!release) return null;
  const [stages, publishes, customers] = await Promise.all([stagesToPublish(release.id), listPublishes(release.id), customersToPublish(release.id)]);
  return { can: permissionsOf(actor.role), release, stages, publishes, customers };
});

/** The merge view of one publish of this release (null: unknown, or another release's). */
export const loadPublishPage = defineLoader("viewer", async (actor, rawReleaseId: string, rawPublishId: string) => {
  const releaseId = rowIdOf(rawReleaseId);
  const publishId = rowIdOf(rawPublishId);
  if (!releaseId || !publishId) return null;
  const publish = await getPublish(publishId, actor.id);
  if (!publish || publish.releaseId !== releaseId) return null;
  return { can: permissionsOf(actor.role), publish };
});
