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
import { loadCustomersPage } from "@/lib/domain/customers/loaders";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: PageProps<"/customers">) {
  const { can, clusters, filterCluster, staleFilter, state, customers, byProgress, archivedCount } = await loadCustomersPage(await searchParams);
  const canManage = can.manageInventory;
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
          Every customer lives in a namespace on a cluster. {canManage ? "Create a cluster first." : "A release manager adds clusters first."}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Customers"
        description={`${active} active ${active === 1 ? "customer" : "customers"}${state.q ? ` matching “${state.q}”` : ""}${
          filterCluster ? ` on ${filterCluster.name}` : ` across ${clusters.length} ${clusters.length === 1 ? "cluster" : "clusters"}`
        }.`}
        actions={addCustomer}
      />
      <CustomerListControls clusters={clusters} state={state} archivedCount={archivedCount} />
      {staleFilter ? (
        <div className="mb-4">
          <Alert tone="info">That cluster no longer exists; showing customers on all clusters.</Alert>
        </div>
      ) : null}
      {customers.length === 0 && state.q ? (
        <EmptyState
          title={`No customers match “${state.q}”`}
          action={
            <ButtonLink href={customerListHref({ ...state, q: undefined })} variant="secondary">
              Clear search
            </ButtonLink>
          }
        >
          The search looks at the names and namespaces of {state.includeArchived ? "all" : "active"} customers
          {filterCluster ? ` on ${filterCluster.name}` : ""}.
        </EmptyState>
      ) : customers.length === 0 ? (
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
            : "Customers appear here once a release manager adds them."}
        </EmptyState>
      ) : byProgress ? (
        <CustomersByProgress
          customers={byProgress}
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
