import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PublishCustomersDialog, PublishStageButton } from "@/components/manifests/publish-buttons";
import { PublishStatusBadge, Sha } from "@/components/manifests/publish-badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { loadReleaseManifestsPage } from "@/lib/domain/manifests/loaders";

type Props = { params: Promise<{ releaseId: string }> };

async function load(params: Props["params"]) {
  const page = await loadReleaseManifestsPage((await params).releaseId);
  if (!page) notFound();
  return page;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { release } = await load(params);
  return { title: `Manifests · ${release.name}` };
}

/** A release's manifest repository work: publish a stage, then every publish and its merge. */
export default async function ReleaseManifestsPage({ params }: Props) {
  const { release, stages, publishes, customers, can } = await load(params);
  const active = release.status === "active";
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/releases/${release.id}`} className="hover:underline">
            {release.name}
          </Link>
        }
        title="Manifests"
        description="Each stage's YAML steps, rendered per customer, go to the manifest repository as one commit on a branch of their own. Someone other than the publisher reviews the diff and approves the merge; GitOps applies the branch."
      />
      {!active ? (
        <div className="mb-6">
          <Alert tone="info" title={release.status === "draft" ? "Not active yet" : "Archived"}>
            {release.status === "draft" ? "Manifests are published once the release is active." : "Nothing is published from an archived release."}
          </Alert>
        </div>
      ) : null}
      <div className="space-y-6">
        <Card aria-labelledby="publish-title">
          <CardHeader
            title={<span id="publish-title">Publish</span>}
            description="Open steps in “publish to the manifest repository” mode, by stage."
            actions={can.manageReleases && active ? <PublishCustomersDialog releaseId={release.id} customers={customers} /> : null}
          />
          {release.manifestSteps === 0 ? (
            <EmptyState title="No step is published to a manifest repository">
              Set a YAML step&apos;s “How it runs” to <em>Publish to the manifest repository</em> on the release page.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {stages.map((s) => (
                <li key={s.id ?? "all"} className="flex flex-wrap items-start justify-between gap-3 px-5 py-3" data-testid="publish-stage">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
                      {s.name}
                      {s.id !== null ? s.open ? <Badge tone="green">Open</Badge> : <Badge>Waiting</Badge> : null}
                    </p>
                    <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
                      {s.ready === 0 ? "Nothing left to publish" : `${s.ready} step${s.ready === 1 ? "" : "s"} to publish`}
                      {s.repository ? ` · to ${s.repository}` : ""}
                      {s.id !== null && !s.open && s.ready ? " · can be published and reviewed now; merged once the stage opens" : ""}
                    </p>
                    {s.missingRepository.length ? (
                      <p className="mt-0.5 text-xs text-amber-800 dark:text-amber-300">No manifest repository for {s.missingRepository.join(", ")}: an admin adds one under Admin → Manifest repositories.</p>
                    ) : null}
                  </div>
                  {can.manageReleases && active ? <PublishStageButton releaseId={release.id} stageId={s.id} label={s.id === null ? "Publish all customers" : `Publish ${s.name}`} disabled={s.ready === 0} /> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="publishes-title">
          <CardHeader title={<span id="publishes-title">Publishes</span>} description="Newest first. Open one to see its diff and approve the merge." />
          {publishes.length === 0 ? (
            <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">Nothing published yet.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {publishes.map((p) => (
                <li key={p.id} className="px-5 py-3 text-sm" data-testid="publish-row">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/releases/${release.id}/manifests/${p.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                      #{p.id} {p.title}
                    </Link>
                    <PublishStatusBadge status={p.status} />
                    {p.conflicts.length ? <Badge tone="red">Conflict</Badge> : null}
                    {p.drifted ? <Badge tone="amber">Changed in the repository</Badge> : null}
                  </div>
                  <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
                    {p.files} file{p.files === 1 ? "" : "s"} for {p.customers} customer{p.customers === 1 ? "" : "s"} · {p.repository} · <span className="font-mono">{p.branch}</span> <Sha sha={p.commitSha} /> ·{" "}
                    {p.publishedBy ?? "someone"}, <Time value={p.publishedAt} />
                    {p.mergedSha ? (
                      <>
                        {" "}
                        · merged into <span className="font-mono">{p.targetBranch}</span> at <Sha sha={p.mergedSha} /> by {p.mergedBy ?? "someone"}
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
