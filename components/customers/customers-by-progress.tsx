import { CustomerProgress } from "@/components/progress/progress-view";
import { Card } from "@/components/ui/card";
import type { ClusterOption } from "@/lib/domain/clusters/types";
import type { CustomerSummary } from "@/lib/domain/customers/types";
import type { Progress } from "@/lib/domain/progress/model/progress";
import { CustomerActions } from "./customer-actions";
import { CustomerName } from "./customer-list";
import { Placement } from "./namespace";

type Row = CustomerSummary & { progress: Progress | null };

/** Spec 8.3 "sort by progress": steps across all active releases pooled, most work left first. */
export function CustomersByProgress({ customers, clusters, canManage }: { customers: Row[]; clusters: ClusterOption[]; canManage: boolean }) {
  return (
    <Card className="relative overflow-x-auto">
      <p className="border-b border-zinc-200 px-4 py-2.5 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        Progress across all active releases; customers with the most work left come first.
      </p>
      <table className="w-full text-sm" data-testid="customers-by-progress">
        <thead className="border-b border-zinc-200 text-left text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Customer
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Cluster / namespace
            </th>
            <th scope="col" className="w-72 px-4 py-2.5 font-medium">
              Progress
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
            <tr key={c.id} data-testid="customer-row" data-customer-name={c.name}>
              <td className="px-4 py-2.5">
                <CustomerName customer={c} />
              </td>
              <td className="px-4 py-2.5">
                <Placement cluster={c.cluster} namespace={c.namespace} />
              </td>
              <td className="px-4 py-2.5">
                {c.progress && c.progress.total > 0 ? (
                  <CustomerProgress progress={c.progress} label={`${c.name}: progress across active releases`} />
                ) : (
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">No steps in active releases</span>
                )}
              </td>
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
