import type { Metadata } from "next";
import { CustomerFormDialog } from "@/components/customers/customer-form-dialog";
import { CustomersByCluster, CustomersByName } from "@/components/customers/customer-list";
import { CustomersByProgress } from "@/components/customers/customers-by-progress";
import { CustomerListControls } from "@/components/customers/list-controls";
import { customerListHref } from "@/components/customers/list-url";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { listClusterOptions } from "@/lib/domain/clusters/queries";
import { parseCustomerListParams } from "@/lib/domain/customers/input";
import { countArchivedCustomers, listCustomers } from "@/lib/domain/customers/queries";
import { activeProgressByCustomer } from "@/lib/domain/dashboard/queries";
import { sortCustomers } from "@/lib/domain/dashboard/view-model";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: PageProps<"/customers">) {
  const params = parseCustomerListParams(await searchParams);
  const [user, clusters] = await Promise.all([getCurrentUser(), listClusterOptions()]);
  const canManage = Boolean(user && hasRole(user.role, "admin"));
  // A filter naming a deleted or unknown cluster shows everything, with a note, not an empty page.
  const filterCluster = clusters.find((c) => c.id === params.clusterId);
  const staleFilter = params.badCluster || (params.clusterId !== undefined && !filterCluster);
  const state = { clusterId: filterCluster?.id, sort: params.sort, includeArchived: params.includeArchived };
  const [customers, archivedCount] = await Promise.all([
    // "progress" starts from name order; the sort by progress is applied below (spec 8.3).
    listCustomers({ clusterId: state.clusterId, includeArchived: state.includeArchived, sort: state.sort === "progress" ? "name" : state.sort }),
    countArchivedCustomers({ clusterId: state.clusterId }),
  ]);
  const progress = state.sort === "progress" ? await activeProgressByCustomer() : null;
  const active = customers.filter((c) => c.isActive).length;

  const addCustomer =
    canManage && clusters.length > 0 ? (
      <CustomerFormDialog clusters={clusters} defaultClusterId={state.clusterId} trigger={<Button>+ Customer</Button>} />
    ) : null;

  if (clusters.length === 0) {
    return (
      <>
        <PageHeader title="Customers" />
        <EmptyState
          title="No clusters yet"
          action={canManage ? <ButtonLink href="/clusters">Go to clusters</ButtonLink> : null}
        >
          Every customer lives in a namespace on a cluster. {canManage ? "Create a cluster first." : "An admin adds clusters first."}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Customers"
        description={
          filterCluster
            ? `${active} active ${active === 1 ? "customer" : "customers"} on ${filterCluster.name}.`
            : `${active} active ${active === 1 ? "customer" : "customers"} across ${clusters.length} ${clusters.length === 1 ? "cluster" : "clusters"}.`
        }
        actions={addCustomer}
      />
      <CustomerListControls clusters={clusters} state={state} archivedCount={archivedCount} />
      {staleFilter ? (
        <div className="mb-4">
          <Alert tone="info">That cluster no longer exists; showing customers on all clusters.</Alert>
        </div>
      ) : null}
      {customers.length === 0 ? (
        <EmptyState
          title={filterCluster ? `No customers on ${filterCluster.name}` : "No customers yet"}
          action={
            addCustomer ??
            (filterCluster ? (
              <ButtonLink href={customerListHref({ ...state, clusterId: undefined })} variant="secondary">
                Show all clusters
              </ButtonLink>
            ) : null)
          }
        >
          {canManage
            ? "Add a customer with the namespace it is deployed in."
            : "Customers appear here once an admin adds them."}
        </EmptyState>
      ) : progress ? (
        <CustomersByProgress
          customers={sortCustomers(
            customers.map((c) => ({ ...c, clusterName: c.cluster.name, progress: progress.get(c.id)?.all ?? null })),
            "progress",
          )}
          clusters={clusters}
          canManage={canManage}
        />
      ) : state.sort === "name" ? (
        <CustomersByName customers={customers} clusters={clusters} canManage={canManage} />
      ) : (
        <CustomersByCluster customers={customers} clusters={clusters} canManage={canManage} />
      )}
    </>
  );
}
