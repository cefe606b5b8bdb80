"use client";

import Form from "next/form";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import type { ClusterOption } from "@/lib/domain/clusters/types";
import { releaseListHref, type ReleaseListState } from "./list-url";

/**
 * FC-006: releases that include a customer of the chosen cluster. A GET form like the customers
 * list's cluster filter: without JavaScript Apply submits it; with it, choosing navigates at once.
 */
export function ReleaseClusterFilter({ clusters, filter }: { clusters: ClusterOption[]; filter: ReleaseListState }) {
  const router = useRouter();
  return (
    <Form action="/releases" className="flex items-center gap-2">
      <label htmlFor="release-cluster-filter" className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        Cluster
      </label>
      <Select
        id="release-cluster-filter"
        name="cluster"
        className="w-48"
        value={filter.clusterId ?? ""}
        onChange={(e) => {
          const value = Number(e.target.value);
          router.push(releaseListHref({ ...filter, clusterId: value > 0 ? value : undefined }));
        }}
      >
        <option value="">All clusters</option>
        {clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
      {filter.q ? <input type="hidden" name="q" value={filter.q} /> : null}
      {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
      {filter.type ? <input type="hidden" name="type" value={filter.type} /> : null}
      <noscript>
        <Button type="submit" variant="secondary" size="sm">
          Apply
        </Button>
      </noscript>
    </Form>
  );
}
