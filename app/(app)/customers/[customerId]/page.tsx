import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReleaseHistory } from "@/components/dashboard/release-history";
import { CustomerActions } from "@/components/customers/customer-actions";
import { Namespace } from "@/components/customers/namespace";
import { Alert } from "@/components/ui/alert";
import { Badge, StatusDot } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Fact, MetadataList } from "@/components/ui/metadata-list";
import { PageHeader } from "@/components/ui/page-header";
import { loadCustomer, loadCustomerPage } from "@/lib/domain/customers/loaders";
import { Time } from "@/components/ui/time";

export async function generateMetadata({ params }: PageProps<"/customers/[customerId]">): Promise<Metadata> {
  const customer = await loadCustomer((await params).customerId);
  return { title: customer ? `${customer.name} · Customers` : "Customer not found" };
}

export default async function CustomerPage({ params }: PageProps<"/customers/[customerId]">) {
  const page = await loadCustomerPage((await params).customerId);
  if (!page) notFound();
  const { customer, clusterOptions: clusters, history } = page;
  const canManage = page.can.manageInventory;
  const { cluster } = customer;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/customers" className="hover:underline">
            Customers
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            {customer.name}
            {customer.isActive ? <Badge tone="green">Active</Badge> : <Badge tone="neutral">Archived</Badge>}
          </span>
        }
        description={customer.description || undefined}
        actions={canManage ? <CustomerActions customer={customer} clusters={clusters} size="md" /> : null}
      />

      {customer.archivedAt ? (
        <div className="mb-6">
          <Alert tone="info" title="This customer is archived">
            Archived <Time value={customer.archivedAt} />. It gets no steps from new releases; its history is kept.
            {cluster.deleted ? ` Its cluster ${cluster.name} has since been deleted: move it to another cluster before restoring it.` : null}
          </Alert>
        </div>
      ) : null}

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader title="Where it runs" />
          <div className="grid gap-4 px-5 py-4">
            <dl className="grid gap-4">
              <Fact label="Cluster">
                <span className="inline-flex flex-wrap items-center gap-2">
                  {cluster.deleted ? (
                    <span className="line-through">{cluster.name}</span>
                  ) : (
                    <Link href={`/clusters/${cluster.id}`} className="font-medium hover:underline">
                      {cluster.name}
                    </Link>
                  )}
                  {cluster.deleted ? <Badge tone="red">Deleted</Badge> : <StatusDot active={cluster.isActive} />}
                </span>
              </Fact>
              <Fact label="Namespace">
                <Namespace value={customer.namespace} className="text-[13px]" />
              </Fact>
              <Fact label="Kubeconfig path">
                {cluster.kubeconfigPath ? (
                  <code className="font-mono text-[13px]">{cluster.kubeconfigPath}</code>
                ) : (
                  <span className="text-zinc-500 dark:text-zinc-400">Not set on the cluster</span>
                )}
              </Fact>
            </dl>
            <div>
              <p className="mb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">Metadata</p>
              <MetadataList metadata={customer.metadata} />
            </div>
            <dl className="grid grid-cols-2 gap-4">
              <Fact label="Created">
                <Time value={customer.createdAt} />
              </Fact>
              <Fact label="Updated">
                <Time value={customer.updatedAt} />
              </Fact>
            </dl>
          </div>
        </Card>

        <Card aria-labelledby="release-history">
          <CardHeader
            title={<span id="release-history">Release history</span>}
            description={`Releases ${customer.name} took part in, newest first. Skipped steps are hatched.`}
            actions={
              <Link href={`/customers/${customer.id}/ledger`} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
                Evidence ledger →
              </Link>
            }
          />
          <ReleaseHistory customer={customer} items={history} />
        </Card>
      </div>
    </>
  );
}
