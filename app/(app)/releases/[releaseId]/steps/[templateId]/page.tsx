import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CodeView } from "@/components/code/code-view";
import { AcrossTable } from "@/components/matrix/across-table";
import { ReleaseHeader, releaseTitle } from "@/components/matrix/release-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { loadStepAcross } from "@/lib/domain/matrix/loaders";
import { LiveRefresh } from "@/components/live/live-provider";
import { RunAcrossDialog } from "@/components/runs/run-across-dialog";
import { ReviewAcrossButton } from "@/components/steps/review-across-button";

type Props = { params: Promise<{ releaseId: string; templateId: string }> };

// The loader is memoised per request on the ids: generateMetadata and the page read the same
// view (with its highlighting and diffs) once.
async function load(params: Props["params"]) {
  const { releaseId, templateId } = await params;
  const view = await loadStepAcross(releaseId, templateId);
  if (!view) notFound();
  return view;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load(params);
  return { title: `${view.template.name} · ${view.release.name}` };
}

const typeLabels = { bash: "Bash", sql: "SQL", yaml: "YAML", text: "Text" } as const;

/** Step across customers (FV-005): one template step's status for every customer, by cluster. */
export default async function StepAcrossPage({ params }: Props) {
  const view = await load(params);
  const { release, template, counts } = view;
  const customerCount = view.clusters.reduce((n, k) => n + k.customers.length, 0);
  const category = template.category;
  return (
    <div className="mx-auto max-w-6xl">
      <LiveRefresh releaseId={release.id} />
      <ReleaseHeader
        release={release}
        title={`Step: ${template.name}`}
        back={{ href: view.matrixHref, label: `Matrix of ${releaseTitle(release)}` }}
      />
      <div className="mb-6 grid gap-4 lg:grid-cols-[1fr_18rem]">
        <section aria-label="Template content" className="min-w-0">
          <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
            <Badge tone="brand">{category === "deploy" ? "Deploy" : "Verify"} step {template.number}</Badge>
            <Badge>{typeLabels[template.type]}</Badge>
            {template.execution === "agent" ? <Badge tone="violet">Run by agent</Badge> : null}
            {template.deleted ? <Badge tone="red">Deleted from the template</Badge> : null}
            {template.description ? <span className="text-zinc-600 dark:text-zinc-400">{template.description}</span> : null}
          </div>
          <CodeView html={template.html} code={template.content} type={template.type} filename={template.name.replace(/[^\w.-]+/g, "-").toLowerCase()} />
        </section>
        <section aria-label="Across customers" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Across {customerCount} customer{customerCount === 1 ? "" : "s"}</p>
          <p className="mt-1 text-3xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-50" data-testid="across-done">
            {counts.done}/{counts.total} <span className="text-base font-normal text-zinc-500 dark:text-zinc-400">done</span>
          </p>
          {counts.total - counts.done - counts.skipped > 0 && release.status === "active" ? (
            <div className="flex flex-wrap gap-2">
              {view.awaitingReview > 0 && view.canRun ? <ReviewAcrossButton releaseId={release.id} templateId={template.id} stepName={template.name} waiting={view.awaitingReview} /> : null}
              {template.execution === "agent" && view.canRun ? (
                <RunAcrossDialog releaseId={release.id} templateId={template.id} stepName={template.name} clusters={view.clusters.map((k) => ({ id: k.id, name: k.name }))} openCount={counts.total - counts.done - counts.skipped} />
              ) : null}
              <ButtonLink href={`/releases/${release.id}/steps/${template.id}/campaign`} variant={template.execution === "agent" ? "secondary" : "primary"} size="sm" className="mt-3">
                {template.execution === "agent" ? "Walk through by hand" : "Run across customers"}
              </ButtonLink>
            </div>
          ) : null}
          <ul className="mt-3 space-y-1 text-sm text-zinc-700 dark:text-zinc-300">
            <li>{counts.total - counts.done - counts.skipped} to do</li>
            <li>{counts.skipped} skipped</li>
            <li>
              {counts.overridden} overridden {counts.overridden ? <span className="text-amber-800 dark:text-amber-300">⚠</span> : null}
            </li>
          </ul>
        </section>
      </div>
      <div className="space-y-4">
        {view.clusters.map((group) => (
          <AcrossTable key={group.id} releaseId={release.id} category={category} group={group} />
        ))}
      </div>
    </div>
  );
}
