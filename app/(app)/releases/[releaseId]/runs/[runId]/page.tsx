import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunView } from "@/components/runs/run-view";
import { PageHeader } from "@/components/ui/page-header";
import { loadRunPage } from "@/lib/domain/runs/loaders";

type Props = { params: Promise<{ releaseId: string; runId: string }> };

async function load(params: Props["params"]) {
  const { releaseId, runId } = await params;
  const page = await loadRunPage(releaseId, runId);
  if (!page) notFound();
  return page;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { run } = await load(params);
  return { title: `Run #${run.id} · ${run.releaseName}` };
}

/** A run: its steps queued, running and ended, with counts, controls and each one's live output. */
export default async function RunPage({ params }: Props) {
  const { run, can } = await load(params);
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/releases/${run.releaseId}`} className="hover:underline">
            {run.releaseName}
          </Link>
        }
        title={`Run #${run.id}: ${run.title}`}
      />
      <RunView run={run} canAct={can.manageReleases} />
    </>
  );
}
