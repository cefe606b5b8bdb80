import "server-only";
import { permissionsOf } from "@/lib/auth/roles";
import { defineLoader, rowIdOf } from "@/lib/domain/define-loader";
import { getCustomerReleaseView } from "@/lib/domain/steps/queries/steps";

/** One customer's checklist for one release (FV-004), or null when either id is malformed or unknown. */
export const loadCustomerChecklist = defineLoader("viewer", async (actor, rawReleaseId: string, rawCustomerId: string) => {
  const releaseId = rowIdOf(rawReleaseId);
  const customerId = rowIdOf(rawCustomerId);
  if (!releaseId || !customerId) return null;
  const view = await getCustomerReleaseView(releaseId, customerId);
  if (!view) return null;
  return { view, canAct: permissionsOf(actor.role).manageReleases && view.release.status === "active" };
});
