import "server-only";
import { defineLoader } from "@/lib/domain/define-loader";
import { listClusterOptions } from "@/lib/domain/clusters/queries/clusters";

/** Import fleet: a release manager's page; the namespace import chooses among the clusters. */
export const loadFleetImportPage = defineLoader("release_manager", async () => ({
  clusters: (await listClusterOptions()).map((c) => c.name),
}));
