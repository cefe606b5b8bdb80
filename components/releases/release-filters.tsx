import Link from "next/link";
import { ListSearch } from "@/components/ui/list-search";
import { cn } from "@/lib/cn";
import type { ClusterOption } from "@/lib/domain/clusters/types";
import { releaseStatusLabels, releaseTypeLabels } from "@/lib/domain/releases/model/rules";
import { releaseStatuses, releaseTypes } from "@/lib/domain/vocabulary";
import { releaseListHref as href, type ReleaseListState } from "./list-url";
import { ReleaseClusterFilter } from "./release-cluster-filter";

function Chip({ to, active, children }: { to: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={to}
      aria-current={active ? "true" : undefined}
      className={cn(
        "rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset transition-colors",
        active
          ? "bg-zinc-900 text-white ring-zinc-900 dark:bg-zinc-100 dark:text-zinc-900 dark:ring-zinc-100"
          : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800",
      )}
    >
      {children}
    </Link>
  );
}

/**
 * Search (name or version), status and type filters as links, and the cluster filter (FC-006):
 * the URL is the state (shareable, back button works), and each keeps the others.
 */
export function ReleaseFilters({ filter, clusters }: { filter: ReleaseListState; clusters: ClusterOption[] }) {
  return (
    <div className="mb-4 space-y-3">
      <ListSearch
        action="/releases"
        id="release-search"
        label="Search releases"
        placeholder="Name or version"
        value={filter.q}
        keep={{ status: filter.status, type: filter.type, cluster: filter.clusterId }}
        clearHref={href({ ...filter, q: undefined })}
      />
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <nav aria-label="Filter by status" className="flex flex-wrap items-center gap-1.5">
          <span className="mr-1 text-xs font-medium tracking-wide text-zinc-500 dark:text-zinc-400 uppercase">Status</span>
          <Chip to={href({ ...filter, status: undefined })} active={!filter.status}>
            All
          </Chip>
          {releaseStatuses.map((s) => (
            <Chip key={s} to={href({ ...filter, status: s })} active={filter.status === s}>
              {releaseStatusLabels[s]}
            </Chip>
          ))}
        </nav>
        <nav aria-label="Filter by type" className="flex flex-wrap items-center gap-1.5">
          <span className="mr-1 text-xs font-medium tracking-wide text-zinc-500 dark:text-zinc-400 uppercase">Type</span>
          <Chip to={href({ ...filter, type: undefined })} active={!filter.type}>
            All
          </Chip>
          {releaseTypes.map((t) => (
            <Chip key={t} to={href({ ...filter, type: t })} active={filter.type === t}>
              {releaseTypeLabels[t]}
            </Chip>
          ))}
        </nav>
        {clusters.length > 0 ? <ReleaseClusterFilter clusters={clusters} filter={filter} /> : null}
      </div>
    </div>
  );
}
