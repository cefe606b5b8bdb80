import Link from "next/link";
import { ServerIcon } from "@/components/clusters/icons";
import { StatusDot } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ClusterSummaryCard } from "@/lib/domain/dashboard/types";

/** FV-001 "Clusters" (sketch 5.2): name, active indicator, customer count, steps to do. */
export function ClustersCard({ clusters, canManage }: { clusters: ClusterSummaryCard[]; canManage: boolean }) {
  return (
    <Card aria-labelledby="clusters-card">
      <CardHeader
        title={<span id="clusters-card">Clusters</span>}
        actions={
          <ButtonLink href="/clusters" variant="ghost" size="sm">
            Manage
          </ButtonLink>
        }
      />
      {clusters.length === 0 ? (
        <div className="p-5">
          <EmptyState title="No clusters yet" action={canManage ? <ButtonLink href="/clusters">Add a cluster</ButtonLink> : null}>
            Every customer lives in a namespace on a cluster.
          </EmptyState>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {clusters.map((c) => (
            <li key={c.id} className="relative flex items-center gap-3 px-5 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <ServerIcon className="size-4 shrink-0 text-zinc-400" />
              <div className="min-w-0 flex-1">
                <Link href={`/clusters/${c.id}`} className="font-medium text-zinc-900 after:absolute after:inset-0 hover:underline dark:text-zinc-100">
                  {c.name}
                </Link>
                <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
                  <StatusDot active={c.isActive} />
                  {c.region ? <span>{c.region}</span> : null}
                </p>
              </div>
              <div className="text-right text-xs text-zinc-600 dark:text-zinc-400">
                <p>
                  <span className="font-semibold text-zinc-900 tabular-nums dark:text-zinc-100">{c.customers}</span>{" "}
                  {c.customers === 1 ? "customer" : "customers"}
                </p>
                <p className="tabular-nums">{c.openSteps ? `${c.openSteps} ${c.openSteps === 1 ? "step" : "steps"} to do` : "Nothing open"}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
