"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { ECHO_GRACE_MS, useLive, useRefreshSoon } from "@/components/live/live-provider";
import { AddCustomStepDialog } from "@/components/steps/add-custom-step-dialog";
import { MarkAllButton } from "@/components/steps/mark-all-button";
import { StepItem } from "@/components/steps/step-item";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress";
import { countLabel } from "@/lib/domain/progress/model/progress";
import type { StepChange } from "@/lib/domain/steps/actions";
import { applyStepPatch } from "@/lib/domain/steps/model/patch";
import { markAllPlan } from "@/lib/domain/steps/model/mark-all";
import { customerRunPlan } from "@/lib/domain/runs/model/customer-plan";
import { RunCustomerButton } from "@/components/runs/run-customer-button";
import type { CategoryCounts, CustomerReleaseView, StepView } from "@/lib/domain/steps/types";
import type { LocalUpdates } from "./step-actions";
import { stepCategories, type StepCategory } from "@/lib/domain/vocabulary";

type Steps = Record<StepCategory, StepView[]>;

/** The same definition as the server's (steps/queries): removed steps are not in the list. */
const countOf = (list: StepView[]): CategoryCounts => ({
  total: list.length,
  done: list.filter((v) => v.step.status === "done").length,
  skipped: list.filter((v) => v.step.status === "skipped").length,
});

/**
 * A customer's whole checklist for one release (FV-004): deploy steps, then verify steps. A step
 * action answers with a patch of the changed step (model/patch.ts), applied here: no re-render of
 * the page comes back with it. A conflict reloads the page's data.
 */
export function ChecklistSections({ view, canAct }: { view: CustomerReleaseView; canAct: boolean }) {
  const router = useRouter();
  const [steps, setSteps] = useState<Steps>({ deploy: view.deploy, verify: view.verify });
  // A fresh server render (after adding a step, marking all done, a refresh) replaces local state.
  const [rendered, setRendered] = useState(view);
  if (rendered !== view) {
    setRendered(view);
    setSteps({ deploy: view.deploy, verify: view.verify });
  }
  // Live: someone else's change to this customer's steps (or anything a page re-read would show)
  // re-reads the page; the echo of a change made here (its version is already shown) does not.
  // The announcement of a change made here can arrive just before the action's own answer: the
  // versions are compared a moment later, once that answer is drawn.
  const refresh = useRefreshSoon();
  const shownSteps = useRef(steps);
  useEffect(() => {
    shownSteps.current = steps;
  });
  // The same when this view appears after a navigation (the stream was already listening, so no
  // "connected" comes): steps in an agent's hands are read once more.
  const readOnce = useRef<string | null>(null);
  useEffect(() => {
    const key = `${view.release.id}:${view.customer.id}`;
    if (readOnce.current === key) return;
    readOnce.current = key;
    if ([...shownSteps.current.deploy, ...shownSteps.current.verify].some((v) => v.step.runState === "queued" || v.step.runState === "running")) refresh();
  });
  useLive((e) => {
    if (e.kind === "resync") return refresh();
    // Steps in an agent's hands move fast: what changed before the stream listened is read once.
    if (e.kind === "connected") {
      if ([...shownSteps.current.deploy, ...shownSteps.current.verify].some((v) => v.step.runState === "queued" || v.step.runState === "running")) refresh();
      return;
    }
    if (e.kind === "run" || e.releaseId !== view.release.id) return;
    if (e.kind === "release" || !e.steps) return refresh();
    const mine = e.steps.filter(([, customerId]) => customerId === view.customer.id);
    if (!mine.length) return;
    setTimeout(() => {
      const shown = new Map([...shownSteps.current.deploy, ...shownSteps.current.verify].map((v) => [v.step.id, v.step.version]));
      if (mine.some(([id, , , version]) => (shown.get(id) ?? 0) < version)) refresh();
    }, ECHO_GRACE_MS);
  });
  const local = useMemo<LocalUpdates>(
    () => ({
      from: "checklist",
      onChange: (data) => {
        const change = data as StepChange | undefined;
        const patch = change?.patch;
        if (!change || !patch) return router.refresh();
        const category = stepCategories.find((c) => shownSteps.current[c].some((v) => v.step.id === change.id));
        const shown = category && shownSteps.current[category].find((v) => v.step.id === change.id);
        const patched = shown && applyStepPatch(shown, patch);
        // Overtaken by other changes meanwhile, or what ran is not what is shown: read the page again.
        if (!category || !patched) return router.refresh();
        setSteps((current) => {
          const list = current[category];
          const next = patch.kind === "view" && patch.removed ? list.filter((v) => v.step.id !== change.id) : list.map((v) => (v.step.id === change.id ? patched : v));
          return { ...current, [category]: next };
        });
      },
      onConflict: () => router.refresh(),
    }),
    [router],
  );
  // Where a custom step can be slotted in: after any step, in each category.
  const positions = {
    deploy: steps.deploy.map((v) => ({ id: v.step.id, name: v.step.name, number: v.step.number })),
    verify: steps.verify.map((v) => ({ id: v.step.id, name: v.step.name, number: v.step.number })),
  };
  return (
    <div className="space-y-6">
      {canAct && !view.stageLock && view.release.status === "active" ? (
        <RunCustomerButton releaseId={view.release.id} customerId={view.customer.id} customerName={view.customer.name} plan={customerRunPlan(steps.deploy, steps.verify)} />
      ) : null}
      {stepCategories.map((category) => (
        <ChecklistSection
          key={category}
          view={view}
          steps={steps[category]}
          counts={countOf(steps[category])}
          category={category}
          canAct={canAct}
          positions={positions}
          local={local}
        />
      ))}
    </div>
  );
}

/** One category of a customer's checklist: progress, bulk actions and the steps in order. */
function ChecklistSection({
  view,
  steps,
  counts,
  category,
  canAct,
  positions,
  local,
}: {
  view: CustomerReleaseView;
  steps: StepView[];
  counts: CategoryCounts;
  category: StepCategory;
  canAct: boolean;
  positions: Record<StepCategory, Array<{ id: number; name: string; number: number | null }>>;
  local: LocalUpdates;
}) {
  const title = category === "deploy" ? "Deploy steps" : "Verify steps";
  const headingId = `${category}-heading`;
  return (
    <Card aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3.5 sm:px-5 dark:border-zinc-800">
        <div className="min-w-48 flex-1">
          <h2 id={headingId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {title} <span className="font-normal text-zinc-600 dark:text-zinc-400">({countLabel(counts)})</span>
          </h2>
          <ProgressBar className="mt-2 max-w-sm" done={counts.done} skipped={counts.skipped} total={counts.total} label={`${title} progress`} />
        </div>
        {canAct ? (
          <div className="flex flex-wrap items-center gap-2">
            <AddCustomStepDialog
              releaseId={view.release.id}
              customerId={view.customer.id}
              customerName={view.customer.name}
              category={category}
              stepsByCategory={positions}
            />
            {view.stageLock ? null : <MarkAllButton releaseId={view.release.id} customerId={view.customer.id} customerName={view.customer.name} category={category} plan={markAllPlan(steps)} />}
          </div>
        ) : null}
      </div>
      {steps.length === 0 ? (
        <div className="p-4">
          <EmptyState title={`No ${category} steps`}>This customer has no {category} steps in this release.</EmptyState>
        </div>
      ) : (
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {steps.map((v) => (
            <StepItem key={v.step.id} view={v} canAct={canAct} stageLock={view.stageLock} namespace={view.customer.namespace} customerName={view.customer.name} local={local} />
          ))}
        </ol>
      )}
    </Card>
  );
}
