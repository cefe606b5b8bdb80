"use client";

import Link from "next/link";
import { memo, type CSSProperties } from "react";
import { useRowsDrawn } from "./draw-rows";
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
  const drawn = useRowsDrawn(rows.length, clusters.length);
  return (
    <section aria-labelledby="overview-heading" aria-busy={drawn < rows.length || undefined} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id="overview-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          All clusters at a glance
        </h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Done per step and cluster. Open a cluster to see and act on its customers.</p>
      </div>
      {/*
        An ARIA table of rows rather than a <table>: each row is its own box, so the browser skips
        styling, laying out and painting the rows off screen (content-visibility, matrix.css) —
        a 2,000-customer release's overview is thousands of counts. Fixed column widths keep the
        rows aligned.
      */}
      <div className="relative overflow-x-auto">
        <div role="table" aria-label="Steps done per cluster" aria-rowcount={rows.length + 1} className="rsm-ovw" style={{ "--rsm-ovw-cols": clusters.length } as CSSProperties}>
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className="rsm-ovw-row">
              <div role="columnheader" className="rsm-stick rsm-ovw-step px-4 py-2 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                Step
              </div>
              {clusters.map((k) => (
                <div role="columnheader" key={k.id} className="px-1 py-2 text-left font-normal">
                  <Link href={expandHref(k.id)} scroll={false} prefetch={false} className="block rounded-md px-2 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                    <span className="block truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">{k.name}</span>
                    <span className="block text-[11px] text-zinc-500 dark:text-zinc-400">
                      {k.customerCount} customers · {k.open ? "open" : "expand"}
                    </span>
                  </Link>
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup">
            {rows.slice(0, drawn).map((row, i) => (
              <OverviewRow key={row.key} releaseId={releaseId} row={row} line={overview[i]} rowIndex={i + 2} />
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}

/**
 * One step's counts across the clusters. Memoised: a cell changed in the matrix replaces only its
 * own step's line, so the other rows (a large release has thousands of counts) are not redrawn.
 */
const OverviewRow = memo(function OverviewRow({ releaseId, row, line, rowIndex }: { releaseId: number; row: MatrixRow; line: RowClusterCounts[]; rowIndex: number }) {
  return (
    // aria-rowindex: while later rows are still being drawn, the table says how many there are.
    <div role="row" aria-rowindex={rowIndex} className="rsm-ovw-row rsm-ovw-body">
      <div role="rowheader" className="rsm-stick rsm-ovw-step min-w-0 px-4 py-1.5 text-left text-sm font-normal">
        {row.custom ? (
          <span className="truncate text-zinc-800 dark:text-zinc-200">★ {row.name}</span>
        ) : (
          <Link prefetch={false} href={`/releases/${releaseId}/steps/${row.templateId}`} className="truncate font-medium text-zinc-900 hover:underline dark:text-zinc-100" title={row.name}>
            <span className="mr-1.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">{row.number === null ? "–" : `${row.number}.`}</span>
            {row.name}
          </Link>
        )}
      </div>
      {line.map((c, j) => (
        // Columns are the matrix's clusters in their order, which a new matrix replaces whole.
        <div role="cell" key={j} className="rsm-ovw-cell">
          <CountCell c={c} />
        </div>
      ))}
    </div>
  );
});

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
