import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import type { DeliveryRow } from "@/lib/domain/webhooks/types";
import { DeliveryStatusBadge } from "./delivery-status";
import { RedeliverButton } from "./endpoint-controls";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";

/** An endpoint's delivery log: what was sent, how it went, and a way to send it again. */
export function DeliveriesTable({ deliveries }: { deliveries: DeliveryRow[] }) {
  if (deliveries.length === 0) {
    return <EmptyState title="Nothing delivered yet">Events appear here as they happen; send a test event to check the receiver now.</EmptyState>;
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm" aria-label="Deliveries, newest first">
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Event</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Attempts</th>
            <th scope="col" className={th}>Created</th>
            <th scope="col" className={`${th} text-right`}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row">
              <td className="px-4 py-3">
                <div className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
                  #{d.id} · {d.event}
                  {d.redeliveryOf ? ` · again of #${d.redeliveryOf}` : ""}
                </div>
                <div className="text-zinc-800 dark:text-zinc-200">{d.summary}</div>
              </td>
              <td className="px-4 py-3">
                <DeliveryStatusBadge status={d.status} code={d.lastStatusCode} />
                {d.lastError && d.status !== "delivered" ? <div className="mt-1 max-w-xs text-xs text-red-700 dark:text-red-400">{d.lastError}</div> : null}
                {d.status === "pending" && d.attempts > 0 ? (
                  <div className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                    Next try <Time value={d.nextAttemptAt} />
                  </div>
                ) : null}
              </td>
              <td className="px-4 py-3 tabular-nums text-zinc-700 dark:text-zinc-300">{d.attempts}</td>
              <td className="px-4 py-3 text-zinc-700 dark:text-zinc-300">
                <Time value={d.createdAt} />
              </td>
              <td className="px-4 py-3 text-right">{d.status === "pending" ? null : <RedeliverButton deliveryId={d.id} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
