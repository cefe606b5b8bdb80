import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApproveMergeButton, CompareButton } from "@/components/manifests/merge-controls";
import { PublishFileCard } from "@/components/manifests/publish-file";
import { PublishStatusBadge, Sha } from "@/components/manifests/publish-badges";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { loadPublishPage } from "@/lib/domain/manifests/loaders";

type Props = { params: Promise<{ releaseId: string; publishId: string }> };

async function load(params: Props["params"]) {
  const { releaseId, publishId } = await params;
  const page = await loadPublishPage(releaseId, publishId);
  if (!page) notFound();
  return page;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { publish } = await load(params);
  return { title: `Publish #${publish.id} · ${publish.releaseName}` };
}

/** The merge view: every customer's file against the target branch, and the four-eyes approval. */
export default async function PublishPage({ params }: Props) {
  const { publish: p, can } = await load(params);
  const changed = p.filesList.filter((f) => f.change !== "unchanged").length;
  const wrong = p.filesList.filter((f) => f.wrongNamespace).length;
  return (
    <>
      <PageHeader
        eyebrow={
          <span>
            <Link href={`/releases/${p.releaseId}`} className="hover:underline">
              {p.releaseName}
            </Link>{" "}
            /{" "}
            <Link href={`/releases/${p.releaseId}/manifests`} className="hover:underline">
              Manifests
            </Link>
          </span>
        }
        title={`Publish #${p.id}: ${p.title}`}
        description={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <PublishStatusBadge status={p.status} />
            <span>
              {p.filesList.length} file{p.filesList.length === 1 ? "" : "s"} ({changed} changed) · {p.repository} · <span className="font-mono">{p.branch}</span> → <span className="font-mono">{p.targetBranch}</span> · commit <Sha sha={p.commitSha} /> · published by {p.publishedBy ?? "someone"}, <Time value={p.publishedAt} />
            </span>
          </span>
        }
      />
      <div className="mb-6 space-y-3">
        {p.status === "open" ? (
          <Card className="flex flex-wrap items-start justify-between gap-4 px-5 py-4" aria-label="Review">
            <div className="min-w-0 max-w-2xl text-sm text-zinc-700 dark:text-zinc-300">
              <p className="font-medium text-zinc-900 dark:text-zinc-100">Review the files below, then approve</p>
              <p className="mt-0.5">
                Approving merges exactly commit <Sha sha={p.commitSha} /> into <span className="font-mono">{p.targetBranch}</span> (a fast-forward, or a merge commit when {p.targetBranch} moved on), where GitOps applies it. Someone other than the publisher approves; each customer&apos;s step is then done.
              </p>
            </div>
            {can.manageReleases ? <ApproveMergeButton publishId={p.id} commitSha={p.commitSha} files={p.filesList.length} target={p.targetBranch} refusal={p.approveRefusal} /> : null}
          </Card>
        ) : null}
        {p.status === "merged" && p.mergedSha ? (
          <Alert tone="success" title={`Merged into ${p.targetBranch} at ${p.mergedSha.slice(0, 12)}`}>
            Approved by {p.mergedBy ?? "someone"}
            {p.mergedAt ? (
              <>
                , <Time value={p.mergedAt} />
              </>
            ) : null}
            . Each customer&apos;s step is done with this commit as its evidence; GitOps applies {p.targetBranch}.
          </Alert>
        ) : null}
        {p.status === "merged" && can.manageReleases ? (
          <Card className="flex flex-wrap items-center justify-between gap-4 px-5 py-3" aria-label="Drift">
            <p className="min-w-0 max-w-2xl text-sm text-zinc-700 dark:text-zinc-300">Does {p.targetBranch} still hold exactly these files? Someone may have edited a manifest by hand since the merge.</p>
            <CompareButton releaseId={p.releaseId} />
          </Card>
        ) : null}
        {p.status === "superseded" ? (
          <Alert tone="info" title="Replaced by a newer publish">
            A later publish of {p.branch} replaced this one. <Link href={`/releases/${p.releaseId}/manifests`} className="underline">See the publishes</Link>.
          </Alert>
        ) : null}
        {p.status === "open" && p.conflicts.length ? (
          <Alert tone="error" title={`Not merged: ${p.conflicts.length} file${p.conflicts.length === 1 ? " was" : "s were"} changed on ${p.targetBranch} since this was published`}>
            <span className="font-mono text-xs break-all">{p.conflicts.join(", ")}</span>. Nothing was forced. Publish again to build on the new {p.targetBranch}, or resolve it in the repository.
          </Alert>
        ) : null}
        {p.status === "open" && p.filesList.some((f) => f.stale) ? (
          <Alert tone="warning" title="Steps changed since this was published">
            What would be merged is no longer what these steps render. Publish again, and review the new diff.
          </Alert>
        ) : null}
        {wrong ? (
          <Alert tone="error" title={`${wrong} file${wrong === 1 ? "" : "s"} name another customer's namespace`}>
            Look at the objects marked in red before approving.
          </Alert>
        ) : null}
      </div>
      <div className="space-y-4">
        {p.filesList.map((f) => (
          <PublishFileCard key={f.id} file={f} target={p.targetBranch} />
        ))}
      </div>
    </>
  );
}
