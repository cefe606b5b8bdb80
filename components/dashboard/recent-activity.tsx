import Link from "next/link";
import { StatusIcon } from "@/components/steps/step-status";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ActivityItem, ActivityKind } from "@/lib/domain/dashboard/types";
import { activityLabels } from "@/lib/domain/dashboard/model/activity";
import { releaseTitle } from "./release-title";
import { Time } from "@/components/ui/time";

/** Where a feed line leads: the customer's checklist for that release, scrolled to the step. */
export function stepHref(item: Pick<ActivityItem, "release" | "customer" | "step">): string {
  return `/releases/${item.release.id}/customers/${item.customer.id}#step-${item.step.id}`;
}

function KindIcon({ kind }: { kind: ActivityKind }) {
  if (kind === "marked_done") return <StatusIcon status="done" className="size-4" />;
  if (kind === "skipped") return <StatusIcon status="skipped" className="size-4" />;
  if (kind === "reverted") return <StatusIcon status="reverted" className="size-4" />;
  if (kind === "unskipped") return <StatusIcon status="pending" className="size-4" />;
  const star = kind === "custom_added";
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className={star ? "size-4 text-violet-600 dark:text-violet-400" : "size-4 text-amber-600 dark:text-amber-400"} aria-hidden>
      {star ? (
        <path d="M10 2.5l2.2 4.6 5 .7-3.6 3.5.9 5-4.5-2.4-4.5 2.4.9-5L2.8 7.8l5-.7L10 2.5z" />
      ) : (
        <path d="M13.6 3.3a1.9 1.9 0 0 1 2.7 2.7l-8.6 8.6-3.5.8.8-3.5 8.6-8.6z" />
      )}
    </svg>
  );
}

/** FV-001 "Recent activity": who did what to which customer (cluster, namespace), in which release, newest first. */
export function RecentActivity({ items }: { items: ActivityItem[] }) {
  return (
    <Card aria-labelledby="recent-activity">
      <CardHeader title={<span id="recent-activity">Recent activity</span>} description="Step changes by everyone, newest first." />
      {items.length === 0 ? (
        <div className="p-5">
          <EmptyState title="Nothing has happened yet">Marking steps done, skipping or reverting them shows up here.</EmptyState>
        </div>
      ) : (
        <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="activity">
          {items.map((item) => (
            <li key={item.id} className="relative flex gap-3 px-5 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/40" data-testid="activity-item">
              <span className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 dark:bg-zinc-800">
                <KindIcon kind={item.kind} />
              </span>
              <div className="min-w-0 flex-1 text-sm">
                <p className="text-zinc-700 dark:text-zinc-300">
                  <span className="mr-1.5 rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                    {releaseTitle(item.release)}
                  </span>
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{item.customer.name}</span>{" "}
                  <span className="text-zinc-500 dark:text-zinc-400">
                    ({item.cluster.name} / <span className="font-mono text-xs">{item.customer.namespace}</span>)
                  </span>{" "}
                  <span aria-hidden className="text-zinc-400">
                    —
                  </span>{" "}
                  <Link href={stepHref(item)} className="font-medium text-zinc-900 after:absolute after:inset-0 hover:underline dark:text-zinc-100">
                    {item.step.category === "deploy" ? "Deploy" : "Verify"} {item.step.position ? `${item.step.position}. ` : ""}
                    {item.step.name}
                  </Link>{" "}
                  <span className="font-semibold text-zinc-900 dark:text-zinc-100">{activityLabels[item.kind]}</span>
                </p>
                <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                  by {item.actorName ?? "someone no longer here"} ·{" "}
                  <Time value={item.at} />
                  {item.note ? <span className="text-zinc-600 dark:text-zinc-400"> · “{item.note}”</span> : null}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
