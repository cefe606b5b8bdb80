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
  const can = permissionsOf(actor.role).manageReleases;
  const member = view.membership === "included";
  return {
    view,
    member,
    canAct: can && member && view.release.status === "active",
    canAddToRelease: can && !member && view.release.status === "active" && view.customer.isActive,
  };
});
