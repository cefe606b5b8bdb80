import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress";
import type { ClusterGroup, ReleaseCustomer } from "@/lib/domain/releases/types";
import type { ReleaseStatus } from "@/lib/domain/vocabulary";

function Membership({ customer, status }: { customer: ReleaseCustomer; status: ReleaseStatus }) {
  if (!customer.isActive) return <Badge tone="amber">Customer archived</Badge>;
  if (customer.membership === "included") return <Badge tone="green">Included</Badge>;
  if (customer.membership === "excluded") return <Badge>Left out</Badge>;
  return status === "draft" ? <Badge tone="neutral">Eligible</Badge> : <Badge>Not in release</Badge>;
}

/**
 * Who the release covers, grouped by cluster with namespaces (BR-C03, spec 8.1), and for an
 * active release each customer's progress, linking to their checklist.
 */
export function ReleaseCustomers({ releaseId, groups, status }: { releaseId: number; groups: ClusterGroup[]; status: ReleaseStatus }) {
  return (
    <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {groups.map((g) => (
        <section key={g.id} aria-labelledby={`cluster-${g.id}`} className="px-5 py-3">
          <h3 id={`cluster-${g.id}`} className="mb-2 flex items-center gap-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden>
              <path d="M3.75 3A1.75 1.75 0 0 0 2 4.75v10.5c0 .97.78 1.75 1.75 1.75h12.5c.97 0 1.75-.78 1.75-1.75v-8.5A1.75 1.75 0 0 0 16.25 5H10L8.4 3.4A1.75 1.75 0 0 0 7.16 3H3.75Z" />
            </svg>
            {g.name}
            {!g.active ? <Badge tone="amber">Cluster inactive</Badge> : null}
          </h3>
          <ul className="space-y-2.5">
            {g.customers.map((c) => {
              const linked = status !== "draft" && c.membership === "included" && c.total > 0;
              return (
                <li key={c.id} className="text-sm">
                  <div className="flex items-center justify-between gap-3">
                    <div className="min-w-0 truncate">
                      {linked ? (
                        <Link href={`/releases/${releaseId}/customers/${c.id}`} className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100">
                          {c.name}
                        </Link>
                      ) : (
                        <span className="font-medium text-zinc-700 dark:text-zinc-300">{c.name}</span>
                      )}
                      <span className="ml-2 font-mono text-xs text-zinc-500 dark:text-zinc-400">{c.namespace}</span>
                    </div>
                    <Membership customer={c} status={status} />
                  </div>
                  {c.total > 0 ? (
                    <div className="mt-1 flex items-center gap-3">
                      <ProgressBar className="flex-1" done={c.done} skipped={c.skipped} total={c.total} label={`${c.name} progress`} showText={false} />
                      <span className="shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                        {c.done}/{c.total} done{c.skipped ? ` · ${c.skipped} skipped` : ""}
                      </span>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
