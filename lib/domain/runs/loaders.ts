import "server-only";
import { permissionsOf } from "@/lib/auth/roles";
import { defineLoader, rowIdOf } from "@/lib/domain/define-loader";
import { getRun } from "./queries/runs";

/** A run's page: the run of this release, or null (a 404) for an unknown id or another release's run. */
export const loadRunPage = defineLoader("viewer", async (actor, rawReleaseId: string, rawRunId: string) => {
  const releaseId = rowIdOf(rawReleaseId);
  const runId = rowIdOf(rawRunId);
  if (!releaseId || !runId) return null;
  const run = await getRun(runId);
  if (!run || run.releaseId !== releaseId) return null;
  return { can: permissionsOf(actor.role), run };
});
