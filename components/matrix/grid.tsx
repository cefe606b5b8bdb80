"use client";

import Link from "next/link";
import { memo, useLayoutEffect } from "react";
import { useRowsDrawn } from "./draw-rows";
import { CELL_CUSTOM, CELL_DRIFT, CELL_NEEDS_VALUE, CELL_OVERRIDDEN, CELL_REPO_DRIFT, type Cell, type CustomerCounts, type MatrixCustomer, type MatrixRow } from "@/lib/domain/matrix/types";
import { statusWords } from "@/components/matrix/labels";
import type { StepCategory } from "@/lib/domain/vocabulary";

/**
 * One cluster's table: rows = steps, columns = customers (sketch 5.5). Cells are plain buttons
 * with `data-step`; the matrix handles their clicks and arrow keys by delegation, so a grid of
 * thousands of cells carries no per-cell handlers. Rows are memoised: a changed cell re-renders
 * its own row only.
 */
export function ClusterGrid({
  releaseId,
  category,
  clusterName,
  rows,
  rowIndexes,
  customers,
  cells,
  counts,
  locked = null,
  onRowsDrawn,
}: {
  releaseId: number;
  category: StepCategory;
  clusterName: string;
  rows: MatrixRow[];
  rowIndexes: number[];
  customers: MatrixCustomer[];
  cells: Array<Array<Cell | null>>;
  counts: Record<string, CustomerCounts>;
  /** The customers' stage waits: cells look locked and say why (the reason's element id). */
  locked?: Locked | null;
  /** Told after more rows were drawn (before paint). */
  onRowsDrawn?: () => void;
}) {
  const drawn = useRowsDrawn(rowIndexes.length, customers.length);
  useLayoutEffect(() => {
    if (drawn > 0) onRowsDrawn?.();
  }, [drawn, onRowsDrawn]);
  return (
    <div className="relative overflow-x-auto" aria-busy={drawn < rowIndexes.length || undefined}>
      <table className="rsm-grid w-max">
        <caption className="sr-only">
          {clusterName}: {category} steps by customer
        </caption>
        <thead>
          <tr>
            <th scope="col" className="rsm-stick w-36 min-w-36 px-2 py-2.5 text-left sm:w-72 sm:min-w-72 sm:px-4 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              Step
            </th>
            {customers.map((c) => (
              <CustomerHeader key={c.id} releaseId={releaseId} customer={c} counts={counts[c.id]?.[category]} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rowIndexes.slice(0, drawn).map((r, i) => (
            <GridRow key={rows[r].key} releaseId={releaseId} row={rows[r]} cells={cells[i]} customers={customers} locked={locked} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CustomerHeader({ releaseId, customer, counts }: { releaseId: number; customer: MatrixCustomer; counts?: { total: number; done: number; skipped: number } }) {
  const complete = counts && counts.total > 0 && counts.done + counts.skipped === counts.total;
  return (
    <th scope="col" className="w-40 min-w-40 px-1 py-2 text-left align-bottom font-normal">
      <Link prefetch={false}
        href={`/releases/${releaseId}/customers/${customer.id}`}
        className="block rounded-md px-2 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        title={`Open ${customer.name}'s checklist`}
      >
        <span className="block max-w-36 truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">{customer.name}</span>
        <span className="block max-w-36 truncate font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{customer.namespace}</span>
        {customer.isActive ? null : <span className="mt-0.5 block text-[11px] font-medium text-amber-800 dark:text-amber-300">Customer archived</span>}
        {counts ? (
          <span className="mt-0.5 block text-[11px] font-medium tabular-nums text-zinc-600 dark:text-zinc-400" data-testid="customer-count">
            {complete ? "✓ " : ""}
            {counts.done}/{counts.total} done
          </span>
        ) : null}
      </Link>
    </th>
  );
}

const GridRow = memo(function GridRow({
  releaseId,
  row,
  cells,
  customers,
  locked,
}: {
  releaseId: number;
  row: MatrixRow;
  cells: Array<Cell | null>;
  customers: MatrixCustomer[];
  locked: Locked | null;
}) {
  return (
    <tr>
      <th scope="row" className="rsm-stick px-2 py-1.5 text-left font-normal sm:px-4" data-step-name={row.name} data-step-number={row.number ?? ""}>
        <RowHeader releaseId={releaseId} row={row} />
      </th>
      {cells.map((cell, j) => (
        <td key={customers[j].id}>
          {cell ? <CellButton cell={cell} row={row} customer={customers[j]} locked={locked} /> : <span className="rsm-na">
              <span aria-hidden>—</span>
              <span className="sr-only">Not applicable</span>
            </span>}
        </td>
      ))}
    </tr>
  );
});

function RowHeader({ releaseId, row }: { releaseId: number; row: MatrixRow }) {
  if (row.custom) {
    return (
      <span className="flex w-32 items-center gap-2 sm:w-64">
        <span className="inline-flex h-5 shrink-0 items-center rounded-full bg-violet-100 px-1.5 text-[11px] font-semibold text-violet-800 dark:bg-violet-500/20 dark:text-violet-200">
          ★<span className="hidden sm:inline">&nbsp;Custom</span>
          <span className="sr-only sm:hidden"> Custom</span>
        </span>
        <span className="truncate text-sm text-zinc-800 dark:text-zinc-200" title={row.name}>
          {row.name}
        </span>
      </span>
    );
  }
  return (
    <Link prefetch={false}
      href={`/releases/${releaseId}/steps/${row.templateId}`}
      className="group flex w-32 items-center gap-2 text-sm text-zinc-900 sm:w-64 dark:text-zinc-100"
      title={`${row.name}: status across every customer`}
    >
      <span className="w-5 shrink-0 text-right font-mono text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{row.number === null ? "–" : `${row.number}.`}</span>
      <span className="truncate font-medium group-hover:underline">{row.name}</span>
      <span className="ml-auto hidden shrink-0 rounded bg-zinc-100 px-1 font-mono text-[10px] text-zinc-600 uppercase sm:inline dark:bg-zinc-800 dark:text-zinc-400">{row.type}</span>
      {row.templateDeleted ? <span className="shrink-0 text-[11px] text-zinc-500 dark:text-zinc-400">(deleted)</span> : null}
    </Link>
  );
}

type Locked = { reason: string; id: string };

function CellButton({ cell, row, customer, locked }: { cell: Cell; row: MatrixRow; customer: MatrixCustomer; locked: Locked | null }) {
  const [id, status, flags] = cell;
  const ov = (flags & CELL_OVERRIDDEN) !== 0;
  const cu = (flags & CELL_CUSTOM) !== 0;
  const dr = ov && (flags & CELL_DRIFT) !== 0;
  const rd = status === "done" && (flags & CELL_REPO_DRIFT) !== 0;
  // Only work still to do can be blocked by a missing value.
  const nv = (status === "pending" || status === "reverted") && (flags & CELL_NEEDS_VALUE) !== 0;
  const word = statusWords[status];
  return (
    <button
      type="button"
      data-step={id}
      tabIndex={-1}
      className={`rsm-cell rsm-${status}${ov ? " rsm-ov" : ""}${cu ? " rsm-cu" : ""}${dr ? " rsm-dr" : ""}${rd ? " rsm-rd" : ""}${nv ? " rsm-nv" : ""}${locked ? " rsm-locked" : ""}`}
      aria-label={`${row.name} — ${customer.name}: ${word}${ov ? ", overridden" : ""}${dr ? ", template changed since the override" : ""}${rd ? ", changed in the manifest repository since the merge" : ""}${cu ? ", custom step" : ""}${nv ? ", needs a value" : ""}${locked ? ", locked" : ""}`}
      aria-describedby={locked?.id}
      title={locked ? `Locked: ${locked.reason}` : nv ? "Needs a value: the customer lacks a value one of this step's variables needs" : dr ? "The template changed since this customer's override" : rd ? "Changed in the manifest repository since the merge: the file there is not what was reviewed" : undefined}
    >
      {word}
    </button>
  );
}
