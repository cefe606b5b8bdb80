import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActivationDialog } from "@/components/releases/activation-dialog";
import { ActivationResult } from "@/components/releases/activation-result";
import { BurndownCard } from "@/components/releases/burndown";
import { AddCustomersDialog } from "@/components/releases/add-customers-dialog";
import { ArchiveReleaseDialog, CloneReleaseDialog } from "@/components/releases/release-actions";
import { ReleaseStatusBadge, ReleaseTypeBadge } from "@/components/releases/release-badges";
import { ReleaseCustomers } from "@/components/releases/release-customers";
import { ReleaseNotes } from "@/components/releases/release-notes";
import { ExportReleaseButtons } from "@/components/releases/release-file";
import { StagePipeline } from "@/components/stages/stage-pipeline";
import { RunsCard } from "@/components/runs/runs-card";
import { ManifestsCard } from "@/components/manifests/manifests-card";
import { TemplateSections } from "@/components/templates/template-sections";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AverageBar } from "@/components/progress/progress-view";
import { TargetDate } from "@/components/ui/target-date";
import { loadRelease, loadReleasePage } from "@/lib/domain/releases/loaders";
import { Time } from "@/components/ui/time";
import { LiveRefresh } from "@/components/live/live-provider";

type Props = {
  params: Promise<{ releaseId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const release = await loadRelease((await params).releaseId);
  return { title: release?.name ?? "Release" };
}

export default async function ReleasePage({ params, searchParams }: Props) {
  const page = await loadReleasePage((await params).releaseId);
  if (!page) notFound();
  const { release, steps, groups, burndown, pipeline } = page;
  const query = await searchParams;
  const canManage = page.can.manageReleases;
  const editable = canManage && release.status !== "archived";
  const templateSteps = steps.deploy.length + steps.verify.length;
  const active = release.status === "active";
  const candidates = groups.flatMap((g) => (g.active ? g.customers.filter((c) => c.isActive && c.membership !== "included") : []));
  const included = groups.reduce((n, g) => n + g.customers.filter((c) => c.membership === "included").length, 0);

  return (
    <>
      <LiveRefresh releaseId={release.id} />
      <PageHeader
        eyebrow={<Link href="/releases" className="hover:underline">Releases</Link>}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {release.name}
            <ReleaseTypeBadge type={release.type} />
            <ReleaseStatusBadge status={release.status} />
          </span>
        }
        description={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            {release.versionNumber ? (
              <span>
                Version <span className="font-mono text-zinc-800 dark:text-zinc-200">{release.versionNumber}</span>
              </span>
            ) : null}
            <TargetDate value={release.releaseDate} workLeft={release.status !== "archived" && release.stepsTotal > release.stepsDone + release.stepsSkipped} />
            {release.activatedAt ? (
              <span>
                Activated <Time value={release.activatedAt} />
              </span>
            ) : null}
            {release.archivedAt ? (
              <span>
                Archived <Time value={release.archivedAt} />
              </span>
            ) : null}
            {release.track ? (
              <span>
                Track <span className="text-zinc-800 dark:text-zinc-200">{release.track.name}</span>
              </span>
            ) : null}
            {release.clonedFrom ? (
              <span>
                Cloned from{" "}
                <Link className="underline" href={`/releases/${release.clonedFrom.id}`}>
                  {release.clonedFrom.name}
                </Link>
              </span>
            ) : null}
          </span>
        }
        actions={
          <>
            {release.status !== "draft" ? (
              <ButtonLink href={`/releases/${release.id}/matrix`}>Open matrix</ButtonLink>
            ) : null}
            <ExportReleaseButtons releaseId={release.id} hasCustomers={release.status !== "draft"} />
            {canManage ? (
            <>
              {editable ? (
                <ButtonLink href={`/releases/${release.id}/edit`} variant="secondary">
                  Edit details
                </ButtonLink>
              ) : null}
              <CloneReleaseDialog release={release} />
              {release.status !== "archived" ? <ArchiveReleaseDialog release={release} /> : null}
              {release.status === "draft" ? (
                <ActivationDialog releaseId={release.id} releaseName={release.name} releaseType={release.type} templateSteps={templateSteps} groups={groups} trackPlan={page.trackPlan} />
              ) : null}
            </>
            ) : null}
          </>
        }
      />

      <div className="mb-6 space-y-3">
        {query.activated ? (
          <ActivationResult steps={Number(query.activated)} customers={Number(query.customers)} clusters={Number(query.clusters)} />
        ) : null}
        {query.imported ? (
          <Alert tone="success" title="Draft imported">
            Created from a release file with {query.imported} template steps. Review them, then activate when ready.
          </Alert>
        ) : null}
        {query.cloned ? (
          <Alert tone="success" title="Draft created">
            Copied {query.cloned} template steps. Review them, then activate when ready.
          </Alert>
        ) : null}
        {release.status === "archived" ? (
          <Alert tone="warning" title="Archived releases are read-only">
            Nothing here can be changed any more. Clone it to start a new draft.
          </Alert>
        ) : null}
        {release.status === "draft" && canManage ? (
          <Alert tone="info" title="Draft">
            {templateSteps === 0
              ? release.type === "release"
                ? "Add deploy and verify steps, then activate to give every customer its own checklist."
                : "Add deploy and verify steps for everyone, or activate for chosen customers now and give each one custom steps."
              : `Activating copies these ${templateSteps} steps to the customers you choose.`}
          </Alert>
        ) : null}
      </div>

      {pipeline && pipeline.stages.length ? (
        <div className="mb-6">
          <StagePipeline releaseId={release.id} active={active} pipeline={pipeline} viewer={page.viewer} can={page.can} />
        </div>
      ) : null}

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="min-w-0 space-y-6">
          <TemplateSections releaseId={release.id} steps={steps} editable={editable} releaseActive={active} />
        </div>

        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Release notes" />
            <div className="px-5 py-4">
              <ReleaseNotes text={release.description} />
              {Object.keys(release.metadata).length ? (
                <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 border-t border-zinc-200 pt-3 text-xs dark:border-zinc-800">
                  {Object.entries(release.metadata).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="font-mono text-zinc-500 dark:text-zinc-400">{k}</dt>
                      <dd className="text-zinc-800 dark:text-zinc-200">{v}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </div>
          </Card>

          <ManifestsCard releaseId={release.id} steps={[...steps.deploy, ...steps.verify].filter((s) => s.execution === "manifest").length} active={active} />

          <RunsCard releaseId={release.id} runs={page.runs} />

          {burndown ? <BurndownCard burndown={burndown} /> : null}

          <Card>
            <CardHeader
              title={release.status === "draft" ? "Customers" : `Customers (${included} included)`}
              description={
                release.status === "draft"
                  ? "Active customers who can receive this release."
                  : release.scope === "all"
                    ? "All active customers; new customers join automatically."
                    : "Chosen customers only; others are left out."
              }
              actions={
                editable && active && candidates.length ? (
                  <AddCustomersDialog releaseId={release.id} candidates={candidates} templateSteps={templateSteps} />
                ) : null
              }
            />
            {release.stepsTotal > 0 ? (
              <div className="border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
                <p className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400" title="Each customer's share of done steps, averaged over customers (spec 8.2)">
                  Overall progress · average per customer
                </p>
                <AverageBar average={release.progress.all} label="Overall progress" />
                <p className="mt-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                  {release.progress.all.completeCustomers} of {release.progress.all.customers} customers complete · {release.stepsDone}/{release.stepsTotal}{" "}
                  customer steps done
                  {release.stepsSkipped ? `, ${release.stepsSkipped} skipped` : ""}
                </p>
              </div>
            ) : null}
            {groups.length ? (
              <ReleaseCustomers releaseId={release.id} groups={groups} status={release.status} />
            ) : (
              <p className="px-5 py-6 text-sm text-zinc-500 dark:text-zinc-400">No active customers yet.</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
