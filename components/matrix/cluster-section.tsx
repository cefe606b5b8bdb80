"use client";

import Link from "next/link";
import { memo } from "react";
import type { Average } from "@/lib/domain/progress/model/progress";
import type { CustomerCounts, MatrixCluster, MatrixRow } from "@/lib/domain/matrix/types";
import { AverageBar } from "@/components/progress/progress-view";
import { ClusterGrid } from "./grid";
import { LockIcon } from "@/components/ui/lock-icon";
import { stageReasonId } from "./stage-heading";
import { pct } from "@/components/matrix/labels";
import type { StepCategory } from "@/lib/domain/vocabulary";

/**
 * One cluster group (BR-C03): a header with its progress (the average of its customers, spec
 * 8.2) and a disclosure link. Expanding and collapsing is a URL change (`?open=`), so the server
 * renders only the expanded clusters' cells and a shared link shows the same view.
 */
type SectionProps = {
  /** Select mode: a button selecting every cell of this block (that matches the filters). */
  onSelectBlock?: (key: string) => void;
  releaseId: number;
  category: StepCategory;
  cluster: MatrixCluster;
  rows: MatrixRow[];
  progress: Average;
  counts: Record<string, CustomerCounts>;
  toggleHref: string;
  filtered: boolean;
  /** Told when the grid drew more of its rows (they arrive a few per frame). */
  onRowsDrawn?: () => void;
};

/**
 * A step changed elsewhere leaves this section as it is: its progress is recomputed as a new
 * object with the same numbers, and the customers' counts only show in an open cluster's headers.
 * Without this, one cell done on a 40-cluster release redrew every section (~100 ms).
 */
function sameSection(a: SectionProps, b: SectionProps): boolean {
  const keys = Object.keys(a) as (keyof SectionProps)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    if (k === "progress") return sameAverage(a.progress, b.progress);
    if (k === "counts") return a.counts === b.counts || (!a.cluster.open && !b.cluster.open);
    return a[k] === b[k];
  });
}
const sameAverage = (a: Average, b: Average) =>
  a === b || (a.percent === b.percent && a.skippedPercent === b.skippedPercent && a.customers === b.customers && a.completeCustomers === b.completeCustomers);

export const ClusterSection = memo(function ClusterSection({
  releaseId,
  category,
  cluster,
  rows,
  progress,
  counts,
  toggleHref,
  filtered,
  onSelectBlock,
  onRowsDrawn,
}: SectionProps) {
  const headingId = `${cluster.anchor}-heading`;
  // Under a stage heading (h2) the cluster is an h3.
  const Heading = cluster.stage ? "h3" : "h2";
  const locked = cluster.stage?.locked ?? null;
  const customers = `${cluster.customerCount} customer${cluster.customerCount === 1 ? "" : "s"}`;
  return (
    <section
      id={cluster.anchor}
      aria-labelledby={headingId}
      data-testid="cluster"
      data-cluster={cluster.name}
      data-stage={cluster.stage?.name}
      data-locked={locked ? "true" : undefined}
      className="scroll-mt-20 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Heading id={headingId} className="min-w-0 text-sm">
          <Link
            href={toggleHref}
            scroll={false}
            prefetch={false}
            aria-expanded={cluster.open}
            className="group inline-flex items-center gap-2 rounded-md py-0.5 pr-1.5 font-semibold text-zinc-900 dark:text-zinc-50"
          >
            <span aria-hidden className={`inline-block text-zinc-500 dark:text-zinc-400 transition-transform ${cluster.open ? "rotate-90" : ""}`}>
              ▸
            </span>
            <FolderIcon />
            <span className="group-hover:underline">{cluster.name}</span>
            <span className="sr-only">{cluster.open ? "(collapse)" : "(expand)"}</span>
          </Link>
          <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {filtered ? `${cluster.matchCount} of ${customers} match` : customers}
          </span>
        </Heading>
        {onSelectBlock && cluster.open ? (
          <button
            type="button"
            onClick={() => onSelectBlock(cluster.key)}
            className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-brand-500/10"
          >
            Select all in {cluster.name}
            {cluster.stage ? ` (${cluster.stage.name})` : ""}
          </button>
        ) : null}
        <div className="ml-auto flex min-w-56 flex-1 items-center gap-3 sm:max-w-md" data-testid="cluster-progress" data-percent={Math.round(progress.percent)}>
          <span className="shrink-0 text-xs font-medium text-zinc-600 dark:text-zinc-400">{category === "deploy" ? "Deploy" : "Verify"}</span>
          <AverageBar className="flex-1" average={progress} showText={false} label={`${cluster.name} ${category} progress`} />
          <span className="w-10 shrink-0 text-right text-sm font-semibold tabular-nums text-zinc-900 dark:text-zinc-100">{pct(progress.percent)}</span>
          <span className="hidden shrink-0 text-xs text-zinc-500 sm:inline dark:text-zinc-400">
            {progress.completeCustomers}/{progress.customers} complete
          </span>
        </div>
      </div>
      {locked && cluster.open ? (
        <p className="flex items-center gap-2 border-t border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
          <LockIcon />
          <span>
            <span className="font-semibold">Locked until {cluster.stage?.name} opens:</span> these steps cannot be marked done, skipped or reverted yet (content can be prepared).
          </span>
        </p>
      ) : null}
      {cluster.open ? (
        cluster.rowIndexes.length === 0 ? (
          <p className="border-t border-zinc-200 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">No steps match the filters in this cluster.</p>
        ) : (
          <div className="border-t border-zinc-200 dark:border-zinc-800">
            <ClusterGrid
              releaseId={releaseId}
              category={category}
              clusterName={cluster.name}
              rows={rows}
              rowIndexes={cluster.rowIndexes}
              customers={cluster.customers}
              cells={cluster.cells}
              counts={counts}
              locked={locked && cluster.stage ? { reason: locked, id: stageReasonId(cluster.stage.id) } : null}
              onRowsDrawn={onRowsDrawn}
            />
          </div>
        )
      ) : null}
    </section>
  );
}, sameSection);

function FolderIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 text-zinc-500 dark:text-zinc-400" aria-hidden>
      <path d="M3.75 3A1.75 1.75 0 0 0 2 4.75v10.5c0 .966.784 1.75 1.75 1.75h12.5A1.75 1.75 0 0 0 18 15.25v-8.5A1.75 1.75 0 0 0 16.25 5h-4.836a.25.25 0 0 1-.177-.073L9.823 3.513A1.75 1.75 0 0 0 8.586 3H3.75Z" />
    </svg>
  );
}
