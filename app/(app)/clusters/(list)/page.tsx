import type { Metadata } from "next";
import { ClusterCard } from "@/components/clusters/cluster-card";
import { ClusterFormDialog } from "@/components/clusters/cluster-form-dialog";
import { FleetButtons } from "@/components/fleet/fleet-buttons";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { loadClustersPage } from "@/lib/domain/clusters/loaders";

export const metadata: Metadata = { title: "Clusters" };

export default async function ClustersPage() {
  const { can, clusters } = await loadClustersPage();
  // The actions check the role again; this only decides what to offer.
  const canManage = can.manageInventory;
  const newCluster = canManage ? <ClusterFormDialog trigger={<Button>+ Cluster</Button>} /> : null;
  const customers = clusters.reduce((n, c) => n + c.customers.length, 0);

  return (
    <>
      <PageHeader
        title="Clusters"
        description={
          clusters.length
            ? `${clusters.length} ${clusters.length === 1 ? "cluster" : "clusters"}, ${customers} active ${customers === 1 ? "customer" : "customers"}.`
            : "The Kubernetes clusters your customers run on."
        }
        actions={
          <>
            <FleetButtons canImport={canManage} />
            {newCluster}
          </>
        }
      />
      {clusters.length === 0 ? (
        <EmptyState
          title="No clusters yet"
          action={
            canManage ? (
              <div className="flex flex-wrap justify-center gap-2">
                <ButtonLink href="/clusters/import" variant="secondary">
                  Import fleet
                </ButtonLink>
                {newCluster}
              </div>
            ) : null
          }
        >
          {canManage
            ? "Add the Kubernetes clusters you deploy to, or bring the whole fleet in at once from a kubeconfig, a spreadsheet or a fleet file. Each customer then lives in a namespace on one of them."
            : "A release manager adds the Kubernetes clusters you deploy to."}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          {clusters.map((cluster) => (
            <li key={cluster.id}>
              <ClusterCard cluster={cluster} canManage={canManage} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
