"use client";

import Link from "next/link";
import type { CSSProperties } from "react";
import type { MatrixCluster, MatrixRow, RowClusterCounts } from "@/lib/domain/matrix/types";

/**
 * For a large release (many customers): every step × every cluster as counts ("12/50 done"),
 * so the whole release fits on one screen; a cluster's column header expands it below.
 */
export function ClusterOverview({
  releaseId,
  rows,
  clusters,
  overview,
  expandHref,
}: {
  releaseId: number;
  rows: MatrixRow[];
  clusters: MatrixCluster[];
  overview: RowClusterCounts[][];
  expandHref: (clusterId: number) => string;
}) {
  return (
    <section aria-labelledby="overview-heading" className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id="overview-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          All clusters at a glance
        </h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Done per step and cluster. Open a cluster to see and act on its customers.</p>
      </div>
      <div className="relative overflow-x-auto">
        <table className="rsm-grid w-max">
          <caption className="sr-only">Steps done per cluster</caption>
          <thead>
            <tr>
              <th scope="col" className="rsm-stick w-72 min-w-72 px-4 py-2 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                Step
              </th>
              {clusters.map((k) => (
                <th key={k.id} scope="col" className="px-1 py-2 text-left font-normal">
                  <Link href={expandHref(k.id)} scroll={false} prefetch={false} className="block rounded-md px-2 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                    <span className="block text-sm font-semibold text-zinc-900 dark:text-zinc-100">{k.name}</span>
                    <span className="block text-[11px] text-zinc-500 dark:text-zinc-400">
                      {k.customerCount} customers · {k.open ? "open" : "expand"}
                    </span>
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.key}>
                <th scope="row" className="rsm-stick px-4 py-1.5 text-left text-sm font-normal">
                  {row.custom ? (
                    <span className="text-zinc-800 dark:text-zinc-200">★ {row.name}</span>
                  ) : (
                    <Link prefetch={false} href={`/releases/${releaseId}/steps/${row.templateId}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                      <span className="mr-1.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">{row.number === null ? "–" : `${row.number}.`}</span>
                      {row.name}
                    </Link>
                  )}
                </th>
                {overview[i].map((c, j) => (
                  <td key={clusters[j].id}>
                    <CountCell c={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Compact on purpose (a large release draws steps × clusters of these): styles in matrix.css. */
function CountCell({ c }: { c: RowClusterCounts }) {
  if (c.total === 0) {
    return (
      <span className="rsm-na">
        <span aria-hidden>—</span>
        <span className="sr-only">No customers</span>
      </span>
    );
  }
  const d = Math.round((c.done / c.total) * 100);
  const sk = Math.round((c.skipped / c.total) * 100);
  return (
    <span className="rsm-cnt" style={{ "--d": `${d}%`, "--s": `${d + sk}%` } as CSSProperties}>
      <b>
        {c.done}/{c.total}
      </b>{" "}
      done{c.skipped ? ` · ${c.skipped} skipped` : ""}
      {c.overridden ? <i> ⚠{c.overridden}</i> : null}
    </span>
  );
}
