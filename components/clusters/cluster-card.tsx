import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { StatusDot } from "@/components/ui/badge";
import type { ClusterSummary } from "@/lib/domain/clusters/types";
import { ClusterFormDialog } from "./cluster-form-dialog";
import { CustomerChip } from "./customer-chip";
import { DeleteClusterDialog } from "./delete-cluster-dialog";
import { PencilIcon, TrashIcon } from "./icons";

const MAX_NAMES = 8;

/** One cluster in the list (sketch 5.3). */
export function ClusterCard({ cluster, canManage }: { cluster: ClusterSummary; canManage: boolean }) {
  const n = cluster.customers.length;
  const shown = cluster.customers.slice(0, MAX_NAMES);
  return (
    <Card className="h-full p-5" aria-labelledby={`cluster-${cluster.id}-name`}>
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h2 id={`cluster-${cluster.id}-name`} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
              <Link href={`/clusters/${cluster.id}`} className="rounded-sm hover:underline">
                {cluster.name}
              </Link>
            </h2>
            <StatusDot active={cluster.isActive} />
          </div>
          {cluster.description ? (
            <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{cluster.description}</p>
          ) : null}
        </div>
        {canManage ? (
          <div className="flex shrink-0 gap-1">
            <ClusterFormDialog
              cluster={cluster}
              trigger={
                <Button variant="ghost" size="sm" aria-label={`Edit ${cluster.name}`}>
                  <PencilIcon /> Edit
                </Button>
              }
            />
            <DeleteClusterDialog
              cluster={cluster}
              trigger={
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Delete ${cluster.name}`}
                >
                  <TrashIcon />
                </Button>
              }
            />
          </div>
        ) : null}
      </div>

      <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-zinc-500 dark:text-zinc-400">Kubeconfig</dt>
        <dd className="min-w-0 truncate font-mono text-[13px] text-zinc-800 dark:text-zinc-200">
          {cluster.kubeconfigPath ?? <span className="font-sans text-zinc-500 dark:text-zinc-400">Not set</span>}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Region</dt>
        <dd className="text-zinc-800 dark:text-zinc-200">
          {cluster.region ?? <span className="text-zinc-500 dark:text-zinc-400">—</span>}
          <span className="mx-2 text-zinc-300 dark:text-zinc-700" aria-hidden>
            |
          </span>
          {n} {n === 1 ? "customer" : "customers"}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Customers</dt>
        <dd className="min-w-0 text-zinc-800 dark:text-zinc-200">
          {n === 0 ? (
            <span className="text-zinc-500 dark:text-zinc-400">None yet</span>
          ) : (
            <ul className="flex flex-wrap gap-1.5">
              {shown.map((c) => (
                <li key={c.id}>
                  <CustomerChip id={c.id} name={c.name} namespace={c.namespace} />
                </li>
              ))}
              {n > MAX_NAMES ? (
                <li className="self-center">
                  <Link href={`/clusters/${cluster.id}`} className="text-xs font-medium text-brand-600 hover:underline dark:text-brand-100">
                    and {n - MAX_NAMES} more
                  </Link>
                </li>
              ) : null}
            </ul>
          )}
        </dd>
      </dl>
    </Card>
  );
}
