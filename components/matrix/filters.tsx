"use client";

import Form from "next/form";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { matrixHref } from "@/lib/domain/matrix/model/params";
import { statusFilters, type MatrixParams, type StatusFilter } from "@/lib/domain/matrix/types";
import { filterWords } from "@/components/matrix/labels";

/**
 * Cluster, status and "work left" filters (FR-007, spec 8.3), kept in the URL so a view can be
 * shared and survives a reload. A GET form: without JavaScript, Apply submits it; with it, each
 * change navigates at once.
 */
export function MatrixFilters({
  releaseId,
  params,
  clusters,
  canExpandAll,
  archivedCustomers,
}: {
  releaseId: number;
  params: MatrixParams;
  clusters: Array<{ id: number; name: string; customers: number }>;
  canExpandAll: boolean;
  /** Archived customers in this release: offer to show them only when there are some. */
  archivedCustomers: number;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  // Controlled, and in step with the URL: it shows the click at once and never remounts (focus stays).
  const [workLeft, setWorkLeft] = useState(params.workLeft);
  const [urlWorkLeft, setUrlWorkLeft] = useState(params.workLeft);
  if (urlWorkLeft !== params.workLeft) {
    setUrlWorkLeft(params.workLeft);
    setWorkLeft(params.workLeft);
  }
  const go = (next: Partial<MatrixParams>) => start(() => router.push(matrixHref(releaseId, { ...params, ...next }), { scroll: false }));
  const filtered = params.clusterId !== undefined || params.status !== undefined || params.workLeft || params.archived;
  return (
    <Form
      action={`/releases/${releaseId}/matrix`}
      className="flex flex-wrap items-center gap-x-4 gap-y-2"
      aria-label="Filter the matrix"
      aria-busy={pending || undefined}
    >
      {params.category !== "deploy" ? <input type="hidden" name="category" value={params.category} /> : null}
      <div className="flex items-center gap-2">
        <label htmlFor="matrix-cluster" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
          Cluster
        </label>
        <Select
          id="matrix-cluster"
          name="cluster"
          className="w-44"
          value={params.clusterId ?? ""}
          onChange={(e) => go({ clusterId: Number(e.target.value) || undefined, open: "default" })}
        >
          <option value="">All clusters</option>
          {clusters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.customers})
            </option>
          ))}
        </Select>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="matrix-status" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
          Status
        </label>
        <Select
          id="matrix-status"
          name="status"
          className="w-40"
          value={params.status ?? ""}
          onChange={(e) => go({ status: (e.target.value || undefined) as StatusFilter | undefined, open: "default" })}
        >
          <option value="">All statuses</option>
          {statusFilters.map((s) => (
            <option key={s} value={s}>
              {filterWords[s]}
            </option>
          ))}
        </Select>
      </div>
      <label className="flex items-center gap-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">
        <input
          type="checkbox"
          name="left"
          value="1"
          checked={workLeft}
          onChange={(e) => {
            setWorkLeft(e.target.checked);
            go({ workLeft: e.target.checked, open: "default" });
          }}
          className="size-4 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600"
        />
        Only customers with work left
      </label>
      {archivedCustomers > 0 || params.archived ? (
        <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input
            type="checkbox"
            name="archived"
            value="1"
            checked={params.archived}
            onChange={(e) => go({ archived: e.target.checked, open: "default" })}
            className="size-4 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600"
          />
          Show archived customers ({archivedCustomers})
        </label>
      ) : null}
      <noscript>
        <Button type="submit" variant="secondary" size="sm">
          Apply
        </Button>
      </noscript>
      <div className="ml-auto flex items-center gap-1 text-sm">
        {filtered ? (
          <Link prefetch={false} href={matrixHref(releaseId, { category: params.category, workLeft: false, archived: false, open: "default" })} scroll={false} className="rounded-md px-2 py-1 font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100">
            Clear filters
          </Link>
        ) : null}
        {canExpandAll ? (
          <Link prefetch={false} href={matrixHref(releaseId, { ...params, open: "all" })} scroll={false} className="rounded-md px-2 py-1 font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100">
            Expand all
          </Link>
        ) : null}
        <Link prefetch={false} href={matrixHref(releaseId, { ...params, open: "none" })} scroll={false} className="rounded-md px-2 py-1 font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100">
          Collapse all
        </Link>
      </div>
    </Form>
  );
}
