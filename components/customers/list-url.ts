import type { CustomerListSort } from "@/lib/domain/customers/input";

export type CustomerListState = { clusterId?: number; sort: CustomerListSort; includeArchived: boolean; q?: string };

/** The customers list URL for a state; defaults are left out so links stay short. */
export function customerListHref(state: CustomerListState): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.clusterId !== undefined) params.set("cluster", String(state.clusterId));
  if (state.sort !== "cluster") params.set("sort", state.sort);
  if (state.includeArchived) params.set("archived", "1");
  const query = params.toString();
  return query ? `/customers?${query}` : "/customers";
}
