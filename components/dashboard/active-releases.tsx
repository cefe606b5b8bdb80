import Link from "next/link";
import { AverageBar, BarLegend, CategorySplit } from "@/components/progress/progress-view";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ActiveReleaseSummary } from "@/lib/domain/dashboard/types";
import { ReleaseTypeBadge as TypeBadge } from "@/components/releases/release-badges";
import { releaseTitle } from "./release-title";
import { Time } from "@/components/ui/time";
import { TargetDate } from "@/components/ui/target-date";

/** FV-001 "Active releases" (sketch 5.2): each with overall progress, deploy/verify split and customers complete. */
export function ActiveReleases({ releases, canCreate }: { releases: ActiveReleaseSummary[]; canCreate: boolean }) {
  return (
    <Card aria-labelledby="active-releases">
      <CardHeader
        title={<span id="active-releases">Active releases</span>}
        description={releases.length ? "Progress is the average over customers; skipped steps are hatched." : undefined}
        actions={
          <ButtonLink href="/releases" variant="ghost" size="sm">
            All releases
          </ButtonLink>
        }
      />
      {releases.length === 0 ? (
        <div className="p-5">
          <EmptyState
            title="No active release"
            action={canCreate ? <ButtonLink href="/releases/new">+ Release</ButtonLink> : <ButtonLink href="/releases" variant="secondary">Go to releases</ButtonLink>}
          >
            {canCreate
              ? "Create a release, add its deploy and verify steps, and activate it to roll it out to your customers."
              : "When a release manager activates a release, its progress shows up here."}
          </EmptyState>
        </div>
      ) : (
        <>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {releases.map((r) => (
              <ReleaseRow key={r.id} release={r} />
            ))}
          </ul>
          <BarLegend className="border-t border-zinc-100 px-5 py-2.5 dark:border-zinc-800" />
        </>
      )}
    </Card>
  );
}

function ReleaseRow({ release: r }: { release: ActiveReleaseSummary }) {
  const title = releaseTitle(r);
  const { customers, completeCustomers } = r.progress.all;
  return (
    <li className="px-5 py-4" data-testid="active-release" data-release-id={r.id}>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h3 className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
            <Link href={`/releases/${r.id}`} className="hover:underline">
              {title}
            </Link>
          </h3>
          <TypeBadge type={r.type} />
          {r.activatedAt ? (
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              Activated <Time value={r.activatedAt} />
            </span>
          ) : null}
          {r.releaseDate ? <TargetDate value={r.releaseDate} workLeft={r.openSteps > 0} className="text-xs text-zinc-600 dark:text-zinc-400" /> : null}
        </div>
        <ButtonLink href={`/releases/${r.id}/matrix`} variant="secondary" size="sm" aria-label={`Open matrix of ${title}`}>
          Open matrix <span aria-hidden>→</span>
        </ButtonLink>
      </div>
      <div className="mt-3">
        <p className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Overall</p>
        {customers ? (
          <AverageBar average={r.progress.all} label={`${title}: overall progress`} className="[&>div]:h-2.5" />
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No customer steps yet.</p>
        )}
      </div>
      {customers ? (
        <div className="mt-3">
          <CategorySplit progress={r.progress} label={title} />
        </div>
      ) : null}
      <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
        <span>
          <strong className="font-semibold text-zinc-900 tabular-nums dark:text-zinc-100" data-testid="customers-complete">
            {completeCustomers}/{customers}
          </strong>{" "}
          customers complete
        </span>
        <span>
          <strong className="font-semibold text-zinc-900 tabular-nums dark:text-zinc-100" data-testid="open-steps">
            {r.openSteps}
          </strong>{" "}
          {r.openSteps === 1 ? "step" : "steps"} to do
        </span>
      </p>
    </li>
  );
}
