import "server-only";
import { getCustomerLedger, getLedgerReleases, ledgerKinds } from "@/lib/domain/customers/queries/ledger";
import { permissionsOf } from "@/lib/auth/roles";
import { listClusterOptions } from "@/lib/domain/clusters/queries/clusters";
import { customerReleaseHistory } from "@/lib/domain/customers/queries/release-history";
import { activeProgressByCustomer } from "@/lib/domain/dashboard/queries/dashboard";
import { sortCustomers } from "@/lib/domain/customers/model/sort";
import { defineLoader, firstParam, rowIdOf, type SearchParams } from "@/lib/domain/define-loader";
import { parseCustomerListParams } from "./input";
import { countArchivedCustomers, getCustomer, listCustomers } from "@/lib/domain/customers/queries/customers";

/** Customers page (FM-001, spec 8.3): searched, filtered by cluster, sorted, archived on request. */
export const loadCustomersPage = defineLoader("viewer", async (actor, search: SearchParams) => {
  const params = parseCustomerListParams(search);
  const clusters = await listClusterOptions();
  // A filter naming a deleted or unknown cluster shows everything, with a note, not an empty page.
  const filterCluster = clusters.find((c) => c.id === params.clusterId);
  const staleFilter = params.badCluster || (params.clusterId !== undefined && !filterCluster);
  const state = { clusterId: filterCluster?.id, sort: params.sort, includeArchived: params.includeArchived, q: params.q };
  const [customers, archivedCount, progress] = await Promise.all([
    // "progress" starts from name order; the sort by progress is applied below (spec 8.3).
    listCustomers({ clusterId: state.clusterId, includeArchived: state.includeArchived, q: state.q, sort: state.sort === "progress" ? "name" : state.sort }),
    countArchivedCustomers({ clusterId: state.clusterId, q: state.q }),
    state.sort === "progress" ? activeProgressByCustomer() : Promise.resolve(null),
  ]);
  const byProgress = progress
    ? sortCustomers(
        customers.map((c) => ({ ...c, clusterName: c.cluster.name, progress: progress.get(c.id)?.all ?? null })),
        "progress",
      )
    : null;
  return { can: permissionsOf(actor.role), clusters, filterCluster, staleFilter, state, customers, byProgress, archivedCount };
});

/** One customer, or null when the id is malformed or unknown (page and metadata share it). */
export const loadCustomer = defineLoader("viewer", async (_actor, rawId: string) => {
  const id = rowIdOf(rawId);
  return id ? getCustomer(id) : null;
});

/** Customer page (FM-004, FV-007): details and the customer's history across releases. */
export const loadCustomerPage = defineLoader("viewer", async (actor, rawId: string) => {
  const customer = await loadCustomer(rawId);
  if (!customer) return null;
  const can = permissionsOf(actor.role);
  const [clusterOptions, history] = await Promise.all([
    can.manageInventory ? listClusterOptions() : Promise.resolve([]),
    customerReleaseHistory(customer.id),
  ]);
  return { can, customer, clusterOptions, history };
});

/** The customer's evidence ledger across releases, filtered by the URL (release, kind). */
export const loadCustomerLedger = defineLoader("viewer", async (_actor, rawId: string, search: SearchParams) => {
  const customer = await loadCustomer(rawId);
  if (!customer) return null;
  const releaseId = rowIdOf(firstParam(search.release)) ?? undefined;
  const rawKind = firstParam(search.kind);
  const kind = ledgerKinds.find((k) => k === rawKind);
  const [entries, releases] = await Promise.all([getCustomerLedger(customer.id, { releaseId, kind }), getLedgerReleases(customer.id)]);
  return { customer, entries, releases, filters: { releaseId: releaseId ?? null, kind: kind ?? null } };
});
