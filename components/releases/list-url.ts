export type ReleaseListState = { q?: string; status?: string; type?: string; clusterId?: number };

/** The releases list URL for a filter; empty filters are left out so links stay short. */
export function releaseListHref(state: ReleaseListState): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.status) params.set("status", state.status);
  if (state.type) params.set("type", state.type);
  if (state.clusterId !== undefined) params.set("cluster", String(state.clusterId));
  const query = params.toString();
  return query ? `/releases?${query}` : "/releases";
}
