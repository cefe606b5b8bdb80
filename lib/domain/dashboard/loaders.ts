import "server-only";
import { permissionsOf } from "@/lib/auth/roles";
import { defineLoader } from "@/lib/domain/define-loader";
import { getDashboard } from "@/lib/domain/dashboard/queries/dashboard";

/** Dashboard (FV-001): active releases, clusters, quick stats, recent activity. */
export const loadDashboard = defineLoader("viewer", async (actor) => ({
  can: permissionsOf(actor.role),
  ...(await getDashboard(12)),
}));
