import Link from "next/link";
import { ServerIcon } from "@/components/clusters/icons";
import { Badge, StatusDot } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ClusterOption } from "@/lib/domain/clusters/types";
import type { CustomerSummary } from "@/lib/domain/customers/types";
import { CustomerActions } from "./customer-actions";
import { Namespace, Placement } from "./namespace";

type Props = { customers: CustomerSummary[]; clusters: ClusterOption[]; canManage: boolean };

export function CustomerName({ customer }: { customer: CustomerSummary }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Link href={`/customers/${customer.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
        {customer.name}
      </Link>
      {customer.isActive ? null : <Badge tone="neutral">Archived</Badge>}
    </span>
  );
}

/** Sketch 5.4: one section per cluster, its customers with their namespaces. */
export function CustomersByCluster({ customers, clusters, canManage }: Props) {
  const groups: Array<{ cluster: CustomerSummary["cluster"]; members: CustomerSummary[] }> = [];
  for (const c of customers) {
    const last = groups.at(-1);
    if (last && last.cluster.id === c.cluster.id) last.members.push(c);
    else groups.push({ cluster: c.cluster, members: [c] });
  }
  return (
    <div className="space-y-8">
      {groups.map(({ cluster, members }) => {
        const active = members.filter((m) => m.isActive).length;
        return (
          <section key={cluster.id} aria-labelledby={`group-${cluster.id}`}>
            <h2 id={`group-${cluster.id}`} className="mb-2 flex flex-wrap items-center gap-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
              <ServerIcon className="size-4 text-zinc-400" />
              {cluster.deleted ? (
                <span>{cluster.name} (deleted)</span>
              ) : (
                <Link href={`/clusters/${cluster.id}`} className="hover:underline">
                  {cluster.name}
                </Link>
              )}
              <span className="font-normal text-zinc-500 dark:text-zinc-400">
                ({active} {active === 1 ? "customer" : "customers"}
                {members.length > active ? `, ${members.length - active} archived` : ""})
              </span>
              {cluster.isActive || cluster.deleted ? null : <StatusDot active={false} />}
            </h2>
            <Card>
              <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {members.map((c) => (
                  <li
                    key={c.id}
                    className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 text-sm gap-y-1 px-4 py-2.5 sm:grid-cols-[minmax(10rem,1fr)_minmax(10rem,1fr)_minmax(0,1.5fr)_auto]"
                  >
                    <CustomerName customer={c} />
                    <span className="col-start-1 row-start-2 sm:col-start-auto sm:row-start-auto">
                      <Namespace value={c.namespace} />
                    </span>
                    <span className="hidden truncate text-sm text-zinc-500 sm:block dark:text-zinc-400">{c.description}</span>
                    <span className="col-start-2 row-span-2 row-start-1 justify-self-end sm:col-start-auto sm:row-span-1 sm:row-start-auto">
                      {canManage ? <CustomerActions customer={c} clusters={clusters} /> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          </section>
        );
      })}
    </div>
  );
}

/** Spec 8.3: every customer in one list by name, with its cluster and namespace. */
export function CustomersByName({ customers, clusters, canManage }: Props) {
  return (
    <Card className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="border-b border-zinc-200 text-left text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Customer
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Cluster / namespace
            </th>
            <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">
              Description
            </th>
            {canManage ? (
              <th scope="col" className="px-4 py-2.5">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {customers.map((c) => (
            <tr key={c.id}>
              <td className="px-4 py-2.5">
                <CustomerName customer={c} />
              </td>
              <td className="px-4 py-2.5">
                <Placement cluster={c.cluster} namespace={c.namespace} />
              </td>
              <td className="hidden max-w-xs truncate px-4 py-2.5 text-zinc-500 md:table-cell dark:text-zinc-400">{c.description}</td>
              {canManage ? (
                <td className="px-4 py-1.5">
                  <div className="flex justify-end">
                    <CustomerActions customer={c} clusters={clusters} />
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
