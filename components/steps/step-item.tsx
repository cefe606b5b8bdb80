"use client";

import { useId, useState } from "react";
import { extensions } from "@/components/code/code-view";
import { StepContent } from "@/components/code/step-content";
import { CopyButton, DownloadButton, stepFilename } from "@/components/code/copy-button";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { StepView } from "@/lib/domain/steps/types";
import { StepActions, type LocalUpdates } from "./step-actions";
import { shownStatus, StatusIcon, SourceBadges, statusLabels, textTone } from "./step-status";
import { StepRunSummary } from "@/components/runs/step-run";
import { StepHistory } from "./step-history";
import { Time } from "@/components/ui/time";
import { shownContent } from "@/lib/domain/steps/model/patch";

/** One step of a customer's checklist (sketch 5.6): status, source, who/when, actions; expands to content and history. */
export function StepItem({
  view,
  canAct,
  stageLock = null,
  namespace,
  customerName,
  local,
}: {
  view: StepView;
  canAct: boolean;
  stageLock?: string | null;
  namespace: string;
  customerName: string;
  local?: LocalUpdates;
}) {
  const { step, html, rendered, template, history } = view;
  // What Copy and Download take: the text as it runs for this customer.
  const runs = shownContent(view);
  const [expanded, setExpanded] = useState(false);
  const panelId = useId();
  return (
    <li id={`step-${step.id}`} className="scroll-mt-20 px-4 py-3.5 sm:px-5" data-testid="step" data-step-name={step.name} data-step-number={step.number ?? ""} data-status={step.status} data-shown-status={shownStatus(step)}>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <StatusIcon status={shownStatus(step)} className="mt-0.5" />
        <div className="min-w-0 flex-1">
          <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            <span>
              {step.number ? `${step.number}. ` : ""}
              {rendered.name}
            </span>
            <SourceBadges step={step} />
          </h3>
          <Meta view={view} />
        </div>
        <span className={cn("text-sm font-medium", textTone[shownStatus(step)])}>({statusLabels[shownStatus(step)]})</span>
      </div>
      <div className="mt-2.5 flex flex-wrap items-start gap-2 pl-8">
        <Button size="sm" variant="ghost" aria-expanded={expanded} aria-controls={panelId} onClick={() => setExpanded((e) => !e)}>
          <span aria-hidden className={cn("inline-block transition-transform", expanded && "rotate-90")}>▸</span>
          {step.source === "overridden" ? "View custom content" : "View content"}
        </Button>
        {step.source === "template" && step.content.trim() ? (
          <>
            <CopyButton text={runs} />
            <DownloadButton text={runs} filename={`${stepFilename(rendered.name, namespace)}.${extensions[step.type]}`} />
          </>
        ) : null}
        {/* Wraps under View content on a phone rather than pushing its buttons off the edge. */}
        <div className="min-w-0 flex-[1_1_14rem]">
          <StepActions
            step={step}
            template={template}
            canAct={canAct}
            showLockNote={false}
            local={local}
            missing={rendered.missing}
            drift={view.drift}
            review={view.review}
            customerName={customerName}
            stageLock={stageLock}
            lastRun={view.lastRun}
            runText={runs}
          />
        </div>
      </div>
      {view.lastRun ? (
        <div className="mt-3 pl-8">
          <StepRunSummary key={view.lastRun.itemId} releaseId={step.releaseId} run={view.lastRun} stepName={rendered.name} customerName={customerName} />
        </div>
      ) : null}
      {expanded ? (
        <div id={panelId} className="mt-3 space-y-4 pl-8">
          {step.description ? <p className="text-sm text-zinc-700 dark:text-zinc-300">{step.description}</p> : null}
          <StepContent
            rendered={rendered}
            raw={step.content}
            rawHtml={html}
            type={step.type}
            filename={stepFilename(rendered.name, namespace)}
            customerName={customerName}
            open={step.status === "pending" || step.status === "reverted"}
            namespace={namespace}
          />
          <section aria-label={`History of ${step.name}`}>
            <h4 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">History</h4>
            <StepHistory entries={history} />
          </section>
        </div>
      ) : (
        <div id={panelId} hidden />
      )}
    </li>
  );
}

function Meta({ view }: { view: StepView }) {
  const { step } = view;
  const lines: string[] = [];
  if (step.source === "overridden") lines.push("Overridden from template");
  if (step.source === "custom") lines.push("Custom step for this customer");
  const last = view.history.at(-1);
  return (
    <div className="mt-0.5 space-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
      {step.status === "done" && step.executedAt ? (
        <p>
          Completed{" "}
          <Time value={step.executedAt} />
          {step.executedByName ? ` by ${step.executedByName}` : ""}
          {view.lastRun?.state === "done" && view.lastRun.agentName ? ` via agent ${view.lastRun.agentName}` : ""}
          {step.notes ? ` · Notes: ${step.notes}` : ""}
          <span className="text-zinc-500 dark:text-zinc-400"> · content locked until reverted</span>
        </p>
      ) : null}
      {step.status === "skipped" ? <p>Skipped: {step.skipReason}</p> : null}
      {(step.status === "pending" || step.status === "reverted") && view.rendered.missing.length ? (
        <p className="font-medium text-red-700 dark:text-red-300">
          <span aria-hidden>{"{ } "}</span>Needs a value: {view.rendered.missing.map((m) => `{{ ${m.name} }}`).join(", ")}
        </p>
      ) : null}
      {view.drift && step.status !== "done" ? <p className="font-medium text-amber-800 dark:text-amber-300"><span aria-hidden>⚠Δ </span>Template changed since this override</p> : null}
      {step.status === "reverted" && last ? (
        <p>
          Reverted{" "}
          <Time value={last.at} />
          {last.actorName ? ` by ${last.actorName}` : ""} — to be done again
        </p>
      ) : null}
    </div>
  );
}
