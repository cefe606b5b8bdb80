"use client";

import Form from "next/form";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { ListSearch } from "@/components/ui/list-search";
import { cn } from "@/lib/cn";
import type { ClusterOption } from "@/lib/domain/clusters/types";
import { customerListHref, type CustomerListState } from "./list-url";

/**
 * The search (name or namespace), cluster filter (FM-006), sort (spec 8.3) and archived toggle,
 * all kept in the URL so a reload or a shared link shows the same list. The filter is a GET form:
 * without JavaScript the Apply button submits it; with JavaScript choosing a cluster navigates at
 * once.
 */
export function CustomerListControls({
  clusters,
  state,
  archivedCount,
}: {
  clusters: ClusterOption[];
  state: CustomerListState;
  archivedCount: number;
}) {
  const router = useRouter();
  return (
    <div className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-3">
      <ListSearch
        action="/customers"
        id="customer-search"
        label="Search customers"
        placeholder="Name or namespace"
        value={state.q}
        keep={{ cluster: state.clusterId, sort: state.sort !== "cluster" ? state.sort : undefined, archived: state.includeArchived ? "1" : undefined }}
        clearHref={customerListHref({ ...state, q: undefined })}
      />
      <Form action="/customers" className="flex items-center gap-2">
        <label htmlFor="cluster-filter" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
          Cluster
        </label>
        <Select
          id="cluster-filter"
          name="cluster"
          className="w-48"
          value={state.clusterId ?? ""}
          onChange={(e) => {
            const value = Number(e.target.value);
            router.push(customerListHref({ ...state, clusterId: value > 0 ? value : undefined }));
          }}
        >
          <option value="">All clusters</option>
          {clusters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
        {state.q ? <input type="hidden" name="q" value={state.q} /> : null}
        {state.sort !== "cluster" ? <input type="hidden" name="sort" value={state.sort} /> : null}
        {state.includeArchived ? <input type="hidden" name="archived" value="1" /> : null}
        <noscript>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </noscript>
      </Form>

      <nav aria-label="Sort customers" className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
        {(
          [
            ["cluster", "By cluster"],
            ["name", "By name"],
            ["progress", "By progress"],
          ] as const
        ).map(([sort, label]) => (
          <Link
            key={sort}
            href={customerListHref({ ...state, sort })}
            aria-current={state.sort === sort ? "page" : undefined}
            className={cn(
              "rounded px-2.5 py-1 text-sm font-medium",
              state.sort === sort
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
            )}
          >
            {label}
          </Link>
        ))}
      </nav>

      {archivedCount > 0 || state.includeArchived ? (
        <Link
          href={customerListHref({ ...state, includeArchived: !state.includeArchived })}
          className="text-sm font-medium text-zinc-600 hover:text-zinc-900 hover:underline dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          {state.includeArchived ? "Hide archived" : `Show archived (${archivedCount})`}
        </Link>
      ) : null}
    </div>
  );
}
