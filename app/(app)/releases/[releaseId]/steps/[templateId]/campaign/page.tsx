import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignView } from "@/components/campaign/campaign-view";
import { ReleaseHeader } from "@/components/matrix/release-header";
import { loadCampaign } from "@/lib/domain/matrix/loaders";

type Props = { params: Promise<{ releaseId: string; templateId: string }> };

async function load(params: Props["params"]) {
  const { releaseId, templateId } = await params;
  const view = await loadCampaign(releaseId, templateId);
  if (!view) notFound();
  return view;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load(params);
  return { title: `Run ${view.template.name} across customers · ${view.release.name}` };
}

/** Campaign mode: one template step walked across every customer that still needs it, one key per decision. */
export default async function CampaignPage({ params }: Props) {
  const view = await load(params);
  const { release, template } = view;
  return (
    <div className="mx-auto max-w-5xl">
      <ReleaseHeader
        release={release}
        title={`Run across customers: ${template.name}`}
        back={{ href: `/releases/${release.id}/steps/${template.id}`, label: `${template.name} across customers` }}
      />
      <CampaignView releaseId={release.id} templateName={template.name} queue={view.queue} total={view.total} canAct={view.canAct} waitingForStage={view.waitingForStage} />
    </div>
  );
}
