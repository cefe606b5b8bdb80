import "server-only";
import { listAgentTokens } from "@/lib/domain/agents/queries/tokens";
import { originOf } from "@/lib/domain/shared/origin";
import { defineLoader, rowIdOf, type SearchParams } from "@/lib/domain/define-loader";
import { clusterReleaseStatus } from "@/lib/domain/clusters/queries/release-status";
import { parseCustomerSort, sortCustomers } from "@/lib/domain/customers/model/sort";
import { permissionsOf } from "@/lib/auth/roles";
import { getCluster, listClusterOptions, listClusters } from "@/lib/domain/clusters/queries/clusters";

/** Clusters page (FC-001): every cluster with its active customers. */
export const loadClustersPage = defineLoader("viewer", async (actor) => ({
  can: permissionsOf(actor.role),
  clusters: await listClusters(),
}));

/** One cluster, or null when the id is malformed or unknown (page and metadata share it). */
export const loadCluster = defineLoader("viewer", async (_actor, rawId: string) => {
  const id = rowIdOf(rawId);
  return id ? getCluster(id) : null;
});

/** Cluster view (FV-006): details plus every active customer's standing in every active release. */
export const loadClusterPage = defineLoader("viewer", async (actor, rawId: string, search: SearchParams) => {
  const cluster = await loadCluster(rawId);
  if (!cluster) return null;
  const can = permissionsOf(actor.role);
  const sort = parseCustomerSort(search.sort, ["name", "progress"] as const, "name");
  const [status, options, agentTokens, origin] = await Promise.all([
    clusterReleaseStatus(cluster),
    can.manageInventory ? listClusterOptions() : Promise.resolve([]),
    // Agent tokens are an admin's business: nobody else reads them.
    can.admin ? listAgentTokens(cluster.id) : Promise.resolve(null),
    can.admin ? originOf() : Promise.resolve(""),
  ]);
  const customers = sortCustomers(
    status.customers.map((c) => ({ ...c, progress: c.overall })),
    sort,
  );
  return { can, cluster, sort, status: { ...status, customers }, clusterOptions: options, agentTokens, origin };
});
