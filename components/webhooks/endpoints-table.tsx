import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { webhookEvents } from "@/lib/domain/webhooks/model/events";
import type { EndpointRow } from "@/lib/domain/webhooks/types";
import { DeliveryStatusBadge } from "./delivery-status";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";

export function EndpointsTable({ endpoints }: { endpoints: EndpointRow[] }) {
  if (endpoints.length === 0) {
    return (
      <EmptyState title="No webhooks yet">
        Add one to tell a chat channel or a pipeline when a customer completes, a stage is promoted or a step is done.
      </EmptyState>
    );
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm" aria-label="Webhooks">
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Webhook</th>
            <th scope="col" className={th}>Events</th>
            <th scope="col" className={th}>Last delivery</th>
            <th scope="col" className={th}>Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {endpoints.map((e) => (
            <tr key={e.id} data-testid="webhook-row">
              <td className="px-4 py-3">
                <Link href={`/webhooks/${e.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                  {e.name}
                </Link>
                <div className="max-w-xs truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{e.url}</div>
              </td>
              <td className="px-4 py-3">
                <div className="flex max-w-md flex-wrap gap-1">
                  {e.events.map((ev) => (
                    <Badge key={ev} tone="blue">
                      {webhookEvents[ev] ?? ev}
                    </Badge>
                  ))}
                  {e.format === "slack" ? <Badge tone="violet">Slack</Badge> : null}
                </div>
              </td>
              <td className="px-4 py-3">
                {e.last ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <DeliveryStatusBadge status={e.last.status} code={e.last.code} />
                    <Time value={e.last.at} className="text-xs text-zinc-600 dark:text-zinc-400" />
                  </div>
                ) : (
                  <span className="text-zinc-500 dark:text-zinc-400">None yet</span>
                )}
                {e.failing ? <div className="mt-1 text-xs text-red-700 dark:text-red-400">{e.failing} failed: open it to redeliver</div> : null}
              </td>
              <td className="px-4 py-3">
                {e.isActive ? <Badge tone="green">Active</Badge> : <Badge tone={e.disabledReason ? "red" : undefined}>{e.disabledReason ? "Disabled by Runsheet" : "Disabled"}</Badge>}
                {e.disabledReason ? <div className="mt-1 max-w-xs text-xs text-red-700 dark:text-red-400">{e.consecutiveFailures} failed attempts in a row: open it to see why.</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
