import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChecklistSections } from "@/components/steps/checklist-section";
import { NotInRelease } from "@/components/steps/not-in-release";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { loadCustomerChecklist } from "@/lib/domain/steps/loaders";
import type { CustomerReleaseView } from "@/lib/domain/steps/types";

type Props = { params: Promise<{ releaseId: string; customerId: string }> };

async function load(params: Props["params"]) {
  const { releaseId, customerId } = await params;
  const page = await loadCustomerChecklist(releaseId, customerId);
  if (!page) notFound();
  return page;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { view } = await load(params);
  return { title: `${view.customer.name} · ${view.release.name}` };
}

const releaseLabel = (v: CustomerReleaseView) => v.release.versionNumber && v.release.versionNumber !== v.release.name ? `${v.release.name} (${v.release.versionNumber})` : v.release.name;

/** The customer view (FV-004, sketch 5.6): one customer's checklist for one release. */
export default async function CustomerReleasePage({ params }: Props) {
  const { view, canAct, member, canAddToRelease } = await load(params);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        eyebrow={
          <Link href={`/releases/${view.release.id}`} className="hover:underline">
            ← Back to release {releaseLabel(view)}
          </Link>
        }
        title={<>Customer: {view.customer.name}</>}
        description={
          <dl className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
            <Item label="Cluster">{view.cluster.name}</Item>
            <Item label="Namespace">
              <code className="font-mono text-[13px]">{view.customer.namespace}</code>
            </Item>
            <Item label="Release">
              {releaseLabel(view)} <Badge tone={view.release.status === "active" ? "green" : "neutral"}>{view.release.status}</Badge>
            </Item>
          </dl>
        }
      />
      {!view.customer.isActive && member ? (
        <div className="mb-4">
          <Alert tone="warning" title={`${view.customer.name} is archived`}>
            Its steps left this release&apos;s counts when it was archived; what was done stays in its history. Restore the customer to bring it back.
          </Alert>
        </div>
      ) : null}
      {view.stageLock && member && view.customer.isActive ? (
        <div className="mb-4" data-testid="stage-lock-alert">
          <Alert tone="warning" title="Waiting for its rollout stage">
            {view.stageLock} Until then its steps cannot be marked done, skipped or reverted; content can still be prepared.{" "}
            <Link className="font-medium underline" href={`/releases/${view.release.id}`}>
              See the stages
            </Link>
          </Alert>
        </div>
      ) : null}
      {view.release.status !== "active" && member ? (
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">This release is {view.release.status}: its steps are read-only.</p>
      ) : null}
      {member ? (
        <ChecklistSections view={view} canAct={canAct && view.customer.isActive} />
      ) : (
        <NotInRelease release={view.release} customer={view.customer} canAdd={canAddToRelease} />
      )}
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center gap-1.5">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}:</dt>
      <dd className="flex items-center gap-1.5 font-medium text-zinc-800 dark:text-zinc-200">{children}</dd>
    </div>
  );
}
