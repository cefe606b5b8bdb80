import Link from "next/link";
import { CompleteMarker, CustomerProgress } from "@/components/progress/progress-view";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { CustomerReleaseHistoryItem } from "@/lib/domain/dashboard/types";
import { ReleaseStatusBadge as StatusBadge, ReleaseTypeBadge as TypeBadge } from "@/components/releases/release-badges";
import { releaseTitle } from "./release-title";
import { stepCategories } from "@/lib/domain/vocabulary";
import { Time } from "@/components/ui/time";

/** Customer detail: every release the customer took part in, newest first, each linking to its checklist. */
export function ReleaseHistory({ customer, items }: { customer: { id: number; name: string }; items: CustomerReleaseHistoryItem[] }) {
  if (items.length === 0) {
    return (
      <div className="p-5">
        <EmptyState title="No releases yet">
          When a release is activated, {customer.name} gets its steps and the release shows up here.
        </EmptyState>
      </div>
    );
  }
  return (
    <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="release-history">
      {items.map((r) => {
        const title = releaseTitle(r);
        const excluded = r.membership === "excluded" && r.progress.all.total === 0;
        return (
          <li key={r.id} className="px-5 py-4" data-testid="history-item" data-release-name={r.name}>
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
                {excluded ? (
                  <Link href={`/releases/${r.id}`} className="hover:underline">
                    {title}
                  </Link>
                ) : (
                  <Link href={`/releases/${r.id}/customers/${customer.id}`} className="hover:underline" aria-label={`${title}: ${customer.name}'s steps`}>
                    {title}
                  </Link>
                )}
              </h3>
              <TypeBadge type={r.type} />
              <StatusBadge status={r.status} />
              {excluded ? <Badge tone="neutral">Excluded</Badge> : null}
              {r.progress.all.complete ? <CompleteMarker /> : null}
            </div>
            {excluded ? (
              <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">Left out when the release was activated; it has no steps for {customer.name}.</p>
            ) : (
              <>
                <div className="mt-3 grid gap-4 sm:grid-cols-2">
                  {stepCategories.map((category) => (
                    <div key={category}>
                      <p className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">{category === "deploy" ? "Deploy" : "Verify"}</p>
                      <CustomerProgress progress={r.progress[category]} label={`${title}: ${category} progress`} showComplete={false} />
                    </div>
                  ))}
                </div>
                <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
                  {r.completedAt ? (
                    <>
                      Completed <Time value={r.completedAt} />
                    </>
                  ) : r.status === "archived" ? (
                    "Archived before every step was done"
                  ) : (
                    `${r.progress.all.open} ${r.progress.all.open === 1 ? "step" : "steps"} to do`
                  )}
                  {r.activatedAt ? (
                    <>
                      {" · "}Activated <Time value={r.activatedAt} />
                    </>
                  ) : null}
                </p>
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
