import { AddCustomStepDialog } from "@/components/steps/add-custom-step-dialog";
import { MarkAllButton } from "@/components/steps/mark-all-button";
import { StepItem } from "@/components/steps/step-item";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress";
import { countLabel } from "@/lib/domain/progress/model/progress";
import type { CustomerReleaseView } from "@/lib/domain/steps/types";
import { stepCategories, type StepCategory } from "@/db/schema/vocabulary";

/** A customer's whole checklist for one release (FV-004): deploy steps, then verify steps. */
export function ChecklistSections({ view, canAct }: { view: CustomerReleaseView; canAct: boolean }) {
  // Where a custom step can be slotted in: after any step, in each category.
  const positions = {
    deploy: view.deploy.map((v) => ({ id: v.step.id, name: v.step.name, number: v.step.number })),
    verify: view.verify.map((v) => ({ id: v.step.id, name: v.step.name, number: v.step.number })),
  };
  return (
    <div className="space-y-6">
      {stepCategories.map((category) => (
        <ChecklistSection key={category} view={view} category={category} canAct={canAct} positions={positions} />
      ))}
    </div>
  );
}

/** One category of a customer's checklist: progress, bulk actions and the steps in order. */
function ChecklistSection({
  view,
  category,
  canAct,
  positions,
}: {
  view: CustomerReleaseView;
  category: StepCategory;
  canAct: boolean;
  positions: Record<StepCategory, Array<{ id: number; name: string; number: number | null }>>;
}) {
  const steps = view[category];
  const counts = view.counts[category];
  const open = counts.total - counts.done - counts.skipped;
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
            <MarkAllButton releaseId={view.release.id} customerId={view.customer.id} customerName={view.customer.name} category={category} open={open} />
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
            <StepItem key={v.step.id} view={v} canAct={canAct} namespace={view.customer.namespace} />
          ))}
        </ol>
      )}
    </Card>
  );
}
