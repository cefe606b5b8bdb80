import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClusterReleaseTable, ClusterSortToggle } from "@/components/dashboard/cluster-releases";
import { ClusterFormDialog } from "@/components/clusters/cluster-form-dialog";
import { DeleteClusterDialog } from "@/components/clusters/delete-cluster-dialog";
import { PencilIcon, TrashIcon } from "@/components/clusters/icons";
import { CustomerFormDialog } from "@/components/customers/customer-form-dialog";
import { Namespace } from "@/components/customers/namespace";
import { StatusDot } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Fact, MetadataList } from "@/components/ui/metadata-list";
import { PageHeader } from "@/components/ui/page-header";
import { loadCluster, loadClusterPage } from "@/lib/domain/clusters/loaders";
import { Time } from "@/components/ui/time";
import { AgentsCard } from "@/components/agents/agents-card";

export async function generateMetadata({ params }: PageProps<"/clusters/[clusterId]">): Promise<Metadata> {
  const cluster = await loadCluster((await params).clusterId);
  return { title: cluster ? `${cluster.name} · Clusters` : "Cluster not found" };
}

export default async function ClusterPage({ params, searchParams }: PageProps<"/clusters/[clusterId]">) {
  const page = await loadClusterPage((await params).clusterId, await searchParams);
  if (!page) notFound();
  const { cluster, sort, status, clusterOptions: options } = page;
  const canManage = page.can.manageInventory;
  const n = cluster.customers.length;
  const addCustomer = canManage ? (
    <CustomerFormDialog clusters={options} defaultClusterId={cluster.id} trigger={<Button>+ Customer</Button>} />
  ) : null;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/clusters" className="hover:underline">
            Clusters
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            {cluster.name} <StatusDot active={cluster.isActive} />
          </span>
        }
        description={cluster.description || undefined}
        actions={
          canManage ? (
            <>
              <ClusterFormDialog
                cluster={cluster}
                trigger={
                  <Button variant="secondary">
                    <PencilIcon /> Edit
                  </Button>
                }
              />
              <DeleteClusterDialog
                cluster={cluster}
                redirectTo="/clusters"
                trigger={
                  <Button variant="secondary">
                    <TrashIcon /> Delete
                  </Button>
                }
              />
              {addCustomer}
            </>
          ) : null
        }
      />

      {/* Stacked, not side by side: the customers × releases table needs the page's width (one
          column per active release); the details fit in one row above it. */}
      <div className="space-y-6">
        <Card>
          <CardHeader title="Details" />
          <dl className="grid grid-cols-1 gap-x-8 gap-y-4 px-5 py-4 sm:grid-cols-2 xl:grid-cols-[minmax(0,1fr)_auto_auto_auto_minmax(0,1.5fr)]">
            <Fact label="Kubeconfig path">
              {cluster.kubeconfigPath ? (
                <code className="font-mono text-[13px]">{cluster.kubeconfigPath}</code>
              ) : (
                <span className="text-zinc-600 dark:text-zinc-400">Not set</span>
              )}
            </Fact>
            <Fact label="Status">{cluster.isActive ? "Active" : "Inactive — its customers get no new release steps"}</Fact>
            <Fact label="Created">
              <Time value={cluster.createdAt} />
            </Fact>
            <Fact label="Updated">
              <Time value={cluster.updatedAt} />
            </Fact>
            <div className="min-w-0">
              <dt className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Metadata</dt>
              <dd>
                <MetadataList metadata={cluster.metadata} />
              </dd>
            </div>
          </dl>
        </Card>

        {page.agentTokens ? <AgentsCard clusterId={cluster.id} clusterName={cluster.name} tokens={page.agentTokens} origin={page.origin} /> : null}

        <Card aria-labelledby="cluster-customers">
          <CardHeader
            title={<span id="cluster-customers">Customers ({n})</span>}
            description={
              status.releases.length && n > 0 ? (
                <>
                  Status in each active release{sort === "progress" ? ", most work left first" : ""}.{" "}
                  {cluster.archivedCustomerCount ? (
                    <Link href={`/customers?cluster=${cluster.id}&archived=1`} className="hover:underline">
                      {cluster.archivedCustomerCount} archived not shown.
                    </Link>
                  ) : null}
                </>
              ) : cluster.archivedCustomerCount ? (
                <Link href={`/customers?cluster=${cluster.id}&archived=1`} className="hover:underline">
                  {cluster.archivedCustomerCount} archived {cluster.archivedCustomerCount === 1 ? "customer" : "customers"} not shown
                </Link>
              ) : undefined
            }
            actions={
              n > 0 ? (
                <>
                  {status.releases.length ? <ClusterSortToggle clusterId={cluster.id} sort={sort} /> : null}
                  <ButtonLink href={`/customers?cluster=${cluster.id}`} variant="ghost" size="sm">
                    Customer list
                  </ButtonLink>
                </>
              ) : null
            }
          />
          {n === 0 ? (
            <div className="p-5">
              <EmptyState title="No customers on this cluster" action={addCustomer}>
                {canManage ? "Add a customer to give it a namespace here." : "Customers placed on this cluster appear here."}
              </EmptyState>
            </div>
          ) : status.releases.length ? (
            <ClusterReleaseTable clusterName={cluster.name} status={status} />
          ) : (
            <table className="w-full text-sm">
              <thead className="sr-only">
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Namespace</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {cluster.customers.map((c) => (
                  <tr key={c.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                    <td className="px-5 py-2.5">
                      <Link href={`/customers/${c.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                        {c.name}
                      </Link>
                    </td>
                    <td className="px-5 py-2.5 text-right">
                      <Namespace value={c.namespace} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}
