import "server-only";
import { permissionsOf } from "@/lib/auth/roles";
import { defineLoader } from "@/lib/domain/define-loader";
import { getDashboard } from "@/lib/domain/dashboard/queries/dashboard";
import { awaitingMySignOff } from "@/lib/domain/stages/queries/awaiting";

/** Dashboard (FV-001): active releases, clusters, quick stats, recent activity. */
export const loadDashboard = defineLoader("viewer", async (actor) => {
  const [dashboard, signOffs] = await Promise.all([getDashboard(12), awaitingMySignOff(actor.id)]);
  return { can: permissionsOf(actor.role), ...dashboard, signOffs };
});
