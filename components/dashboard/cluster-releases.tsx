import Link from "next/link";
import { Namespace } from "@/components/customers/namespace";
import { AverageBar, BarLegend, CustomerProgress } from "@/components/progress/progress-view";
import { Badge } from "@/components/ui/badge";
import type { ClusterReleaseStatus, ReleaseCell, ReleaseRef } from "@/lib/domain/dashboard/types";
import { ReleaseTypeBadge as TypeBadge } from "@/components/releases/release-badges";
import { releaseTitle } from "./release-title";
import { SortToggle } from "./sort-toggle";

export type ClusterSort = "name" | "progress";

export function ClusterSortToggle({ clusterId, sort }: { clusterId: number; sort: ClusterSort }) {
  return (
    <SortToggle
      label="Sort customers"
      current={sort}
      options={[
        ["name", "By name"],
        ["progress", "By progress"],
      ]}
      hrefFor={(s) => (s === "name" ? `/clusters/${clusterId}` : `/clusters/${clusterId}?sort=${s}`)}
    />
  );
}

/**
 * FV-006: the cluster's customers × its active releases. Each cell: progress bar, "x/y done",
 * complete marker, and a link to that customer's checklist for the release. Rows come sorted.
 */
export function ClusterReleaseTable({ clusterName, status }: { clusterName: string; status: ClusterReleaseStatus }) {
  const { releases, customers } = status;
  return (
    <>
      <div className="relative overflow-x-auto">
        <table className="w-full text-sm" data-testid="cluster-release-status">
          <thead className="border-b border-zinc-200 text-left align-bottom text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              {/* Sticky: with several releases the columns scroll inside the card, the customer stays. */}
              <th scope="col" className="sticky left-0 z-[1] w-48 min-w-40 bg-white px-5 py-3 font-medium dark:bg-zinc-900">
                Customer
              </th>
              {releases.map((r) => (
                <ReleaseHeader key={r.id} release={r} average={status.clusterProgress[r.id]} clusterName={clusterName} />
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {customers.map((c) => (
              <tr key={c.id} data-testid="cluster-customer" data-customer-name={c.name} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                <th scope="row" className="sticky left-0 z-[1] bg-white px-5 py-3 text-left align-middle font-normal break-words shadow-[inset_-1px_0_0_var(--color-zinc-100)] dark:bg-zinc-900 dark:shadow-[inset_-1px_0_0_var(--color-zinc-800)]">
                  <Link href={`/customers/${c.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                    {c.name}
                  </Link>
                  <div className="mt-1">
                    <Namespace value={c.namespace} />
                  </div>
                </th>
                {releases.map((r) => (
                  <td key={r.id} className="px-5 py-3 align-middle" data-release-id={r.id}>
                    <Cell cell={c.cells[r.id]} release={r} customer={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BarLegend className="border-t border-zinc-100 px-5 py-2.5 dark:border-zinc-800" />
    </>
  );
}

function ReleaseHeader({ release: r, average, clusterName }: { release: ReleaseRef; average: ClusterReleaseStatus["clusterProgress"][number] | undefined; clusterName: string }) {
  return (
    <th scope="col" className="min-w-64 px-5 py-3 font-medium">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/releases/${r.id}`} className="text-sm font-semibold text-zinc-900 hover:underline dark:text-zinc-100">
          {releaseTitle(r)}
        </Link>
        <TypeBadge type={r.type} />
      </div>
      {average?.all.customers ? (
        <div className="mt-1.5 w-64">
          <p className="mb-0.5 text-[11px] font-normal text-zinc-500 dark:text-zinc-400">Cluster average</p>
          <AverageBar average={average.all} label={`${clusterName} average in ${releaseTitle(r)}`} />
        </div>
      ) : null}
    </th>
  );
}

function Cell({ cell, release, customer }: { cell: ReleaseCell | undefined; release: ReleaseRef; customer: { id: number; name: string } }) {
  if (!cell?.progress) {
    return cell?.membership === "excluded" ? (
      <Badge tone="neutral">Excluded</Badge>
    ) : (
      <span className="text-xs text-zinc-500 dark:text-zinc-400">Not in this release</span>
    );
  }
  const title = releaseTitle(release);
  return (
    <CustomerProgress progress={cell.progress.all} label={`${customer.name} in ${title}`} inline>
      <Link
        href={`/releases/${release.id}/customers/${customer.id}`}
        className="font-medium whitespace-nowrap text-brand-700 hover:underline dark:text-brand-100"
        aria-label={`Open steps of ${customer.name} in ${title}`}
      >
        Open steps →
      </Link>
    </CustomerProgress>
  );
}
