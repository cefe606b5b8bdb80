"use client";

import Link from "next/link";
import type { ReactNode, Ref } from "react";
import { StepContent } from "@/components/code/step-content";
import { stepFilename } from "@/components/code/copy-button";
import { DiffView } from "@/components/steps/diff-view";
import { StepActions, type LocalUpdates } from "@/components/steps/step-actions";
import { StepHistory } from "@/components/steps/step-history";
import { shownStatus, StatusLabel } from "@/components/steps/step-status";
import { StepRunSummary } from "@/components/runs/step-run";
import { StepManifestFacts } from "@/components/manifests/step-manifest";
import { shownContent } from "@/lib/domain/steps/model/patch";
import { Alert } from "@/components/ui/alert";
import type { StepDetail } from "@/lib/domain/steps/types";
import { Time } from "@/components/ui/time";

const typeLabels = { bash: "Bash", sql: "SQL", yaml: "YAML", text: "Text" } as const;

/** The side panel's content (sketch 5.7): context, source, content, execution, history. */
export function PanelBody({ detail, canAct, local, statusRef }: { detail: StepDetail; canAct: boolean; local: LocalUpdates; statusRef: Ref<HTMLDivElement> }) {
  const { step, template, history, customer, cluster, release } = detail;
  const acting = canAct && !detail.removed && release.status === "active" && customer.isActive;
  return (
    <div className="space-y-6">
      {detail.removed ? <Alert tone="warning">This custom step was removed from the customer&apos;s checklist.</Alert> : null}
      {!customer.isActive ? (
        <Alert tone="warning" title={`${customer.name} is archived`}>
          It is out of this release&apos;s counts and its steps are read-only. Restore the customer (on its page) to work on them again.
        </Alert>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-5 gap-y-2 text-sm">
        <Term>Customer</Term>
        <dd className="min-w-0">
          <Link prefetch={false} href={`/releases/${release.id}/customers/${customer.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
            {customer.name}
          </Link>{" "}
          <span className="text-zinc-600 dark:text-zinc-400">
            ({cluster.name}/<code className="font-mono text-[13px]">{customer.namespace}</code>)
          </span>
        </dd>
        <Term>Category</Term>
        <dd className="text-zinc-800 dark:text-zinc-200">
          {step.category === "deploy" ? "Deploy" : "Verify"} <span className="px-1 text-zinc-400">|</span> Type: {typeLabels[step.type]}
          <span className="px-1 text-zinc-400">|</span> {step.execution === "agent" ? "Run by an agent" : step.execution === "manifest" ? "Published to the manifest repository" : "Carried out by hand"}
        </dd>
        <Term>Status</Term>
        <dd>
          <div ref={statusRef} tabIndex={-1} className="inline-flex rounded focus:outline-none focus-visible:outline-2" data-testid="panel-status" aria-live="polite">
            <StatusLabel status={shownStatus(step)} />
          </div>
        </dd>
      </dl>

      <Section title="Source">
        <SourceInfo detail={detail} />
      </Section>

      <Section title="Content">
        {step.description ? <p className="mb-2 text-sm text-zinc-700 dark:text-zinc-300">{step.description}</p> : null}
        <StepContent
          rendered={detail.rendered}
          raw={step.content}
          rawHtml={detail.html}
          type={step.type}
          filename={stepFilename(detail.rendered.name, customer.namespace)}
          customerName={customer.name}
          open={step.status === "pending" || step.status === "reverted"}
          namespace={customer.namespace}
        />
        {template?.diff ? (
          <details className="group mt-3">
            <summary className="cursor-pointer text-sm font-medium text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100">
              Differences from the template{detail.rendered.hasVariables ? ` (both as they run for ${customer.name})` : ""}
            </summary>
            <div className="mt-2">
              <DiffView parts={template.diff} />
            </div>
          </details>
        ) : null}
      </Section>

      <Section title="Execution">
        <div className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-4 dark:border-zinc-800 dark:bg-zinc-950/40">
          <ExecutionFacts detail={detail} />
          {step.execution === "manifest" ? <StepManifestFacts releaseId={release.id} stepId={step.id} manifest={detail.manifest} canAct={canAct} /> : null}
          {acting || template ? (
            <StepActions
              key={step.id}
              step={step}
              template={template}
              canAct={acting}
              local={local}
              missing={detail.rendered.missing}
              drift={detail.drift}
              review={detail.review}
              customerName={customer.name}
              stageLock={detail.stageLock}
              lastRun={detail.lastRun}
              runText={shownContent(detail)}
            />
          ) : null}
          {detail.lastRun ? <StepRunSummary key={detail.lastRun.itemId} releaseId={release.id} run={detail.lastRun} stepName={detail.rendered.name} customerName={customer.name} /> : null}
          {!acting && release.status !== "active" ? <p className="text-xs text-zinc-500 dark:text-zinc-400">This release is {release.status}: its steps are read-only.</p> : null}
        </div>
      </Section>

      <Section title="History">
        <StepHistory entries={[...history].reverse()} />
      </Section>

      <div className="flex flex-wrap gap-x-5 gap-y-1 border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
        <Link prefetch={false} href={`/releases/${release.id}/customers/${customer.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
          Open {customer.name}&apos;s checklist →
        </Link>
        {step.templateId ? (
          <Link prefetch={false} href={`/releases/${release.id}/steps/${step.templateId}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            This step across customers →
          </Link>
        ) : null}
      </div>
    </div>
  );
}

function Term({ children }: { children: ReactNode }) {
  return <dt className="text-zinc-500 dark:text-zinc-400">{children}</dt>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{title}</h3>
      {children}
    </section>
  );
}

function SourceInfo({ detail }: { detail: StepDetail }) {
  const { step, template } = detail;
  const [icon, title, text, tone] =
    step.source === "custom"
      ? ["★", "Custom step", "Added for this customer only; other customers and the template are not affected.", "border-violet-200 bg-violet-50 text-violet-900 dark:border-violet-500/30 dark:bg-violet-500/10 dark:text-violet-100"]
      : step.source === "overridden"
        ? ["⚠", "Overridden", `This customer's content differs from the template${template?.deleted ? " (since deleted)" : ""}. Template edits no longer reach it.`, "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100"]
        : [<TemplateIcon key="icon" />, "From template", `Same content as the template step${template?.deleted ? " (since deleted)" : ""}. Template edits reach it while it is pending.`, "border-zinc-200 bg-white text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200"];
  return (
    <div className={`flex gap-3 rounded-lg border px-4 py-3 text-sm ${tone}`} data-testid="panel-source">
      <span aria-hidden className="text-base leading-5">
        {icon}
      </span>
      <div>
        <p className="font-semibold">{title}</p>
        <p className="mt-0.5 opacity-90">{text}</p>
      </div>
    </div>
  );
}

/** A drawn icon, not an emoji: emoji fonts vary, and without one the browser shows an empty box. */
function TemplateIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 text-zinc-500 dark:text-zinc-400">
      <path fillRule="evenodd" d="M4.5 2A1.5 1.5 0 0 0 3 3.5v13A1.5 1.5 0 0 0 4.5 18h11a1.5 1.5 0 0 0 1.5-1.5V7.621a1.5 1.5 0 0 0-.44-1.06l-4.12-4.122A1.5 1.5 0 0 0 11.378 2H4.5Zm2.25 8.5a.75.75 0 0 0 0 1.5h6.5a.75.75 0 0 0 0-1.5h-6.5Zm0 3a.75.75 0 0 0 0 1.5h6.5a.75.75 0 0 0 0-1.5h-6.5Z" clipRule="evenodd" />
    </svg>
  );
}

function ExecutionFacts({ detail }: { detail: StepDetail }) {
  const { step } = detail;
  const facts: ReactNode[] = [];
  if (step.status === "done" && step.executedAt) {
    facts.push(
      <>
        Done{" "}
        <Time value={step.executedAt} />
        {step.executedByName ? ` by ${step.executedByName}` : ""}
      </>,
    );
  }
  if (step.status === "reverted") {
    const reverted = [...detail.history].reverse().find((h) => h.kind === "reverted");
    facts.push(
      <strong className="font-semibold text-rose-800 dark:text-rose-300">
        Reverted{reverted ? <> <Time value={reverted.at} />{reverted.actorName ? ` by ${reverted.actorName}` : ""}</> : null}: to be done again.
      </strong>,
    );
  }
  if (step.status === "skipped" && step.skipReason) facts.push(<>Skipped: {step.skipReason}</>);
  // Notes written when the step was done belong to that run: after a revert, say so.
  if (step.notes) facts.push(step.status === "reverted" ? <>Notes from the reverted run: {step.notes}</> : <>Notes: {step.notes}</>);
  if (facts.length === 0) facts.push(<>Not done yet.</>);
  return (
    <ul className="space-y-1 text-sm text-zinc-700 dark:text-zinc-300">
      {facts.map((f, i) => (
        <li key={i}>{f}</li>
      ))}
    </ul>
  );
}
