"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { Time } from "@/components/ui/time";
import { useViewer } from "@/components/shell/viewer";
import { keepOverrideAction, resetStepAction, reviewStepAction } from "@/lib/domain/steps/actions";
import type { CustomerStepDTO, ReviewState, StepView } from "@/lib/domain/steps/types";
import { DiffView } from "./diff-view";

type Common = { hidden: Record<string, number | string>; onNotice: (m: string) => void; onDone: (data: unknown) => void; onConflict?: () => void };

/**
 * Drift: the template changed after this customer's override. Three texts side by side — the
 * template when overridden, the template now (as a diff from then), this customer's override —
 * and the two ways out: keep the override (the marker clears) or take the new template.
 */
export function DriftNotice({ step, drift, canAct, common }: { step: CustomerStepDTO; drift: NonNullable<StepView["drift"]>; canAct: boolean; common: Common }) {
  const open = step.status !== "done";
  return (
    <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50/70 p-3.5 dark:border-amber-500/40 dark:bg-amber-500/10" data-testid="drift">
      <div>
        <p className="text-sm font-semibold text-amber-950 dark:text-amber-100">Template changed since this override</p>
        <p className="mt-0.5 text-sm text-amber-900 dark:text-amber-200">
          Someone edited the template after this customer&apos;s content was overridden. Check whether the override should take the change.
        </p>
      </div>
      <details className="group" open>
        <summary className="cursor-pointer text-sm font-medium text-amber-950 dark:text-amber-100">Compare the three versions</summary>
        <div className="mt-2 space-y-3">
          <section aria-label="What changed in the template">
            <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">What changed in the template</h4>
            <DiffView parts={drift.templateChange} removed="template when overridden" added="template now" />
          </section>
          <div className="grid gap-3 lg:grid-cols-2">
            <Text label="Template when overridden" text={drift.base} />
            <Text label="This customer's override" text={step.content} />
          </div>
        </div>
      </details>
      {canAct && open ? (
        <div className="flex flex-wrap gap-2">
          <FormDialog
            {...common}
            title={`Keep the override of "${step.name}"`}
            description="This customer's content stays as it is. The template's change is noted as seen and the marker clears; it is kept in the history."
            action={keepOverrideAction}
            submitLabel="Keep my override"
            trigger={
              <Button size="sm" variant="secondary">
                Keep my override
              </Button>
            }
          />
          <FormDialog
            {...common}
            title={`Take the new template for "${step.name}"`}
            description="This customer's override is replaced by the template's current content. The override stays in the history."
            action={resetStepAction}
            submitLabel="Take the new template"
            submitTone="danger"
            trigger={
              <Button size="sm" variant="secondary">
                Take the new template
              </Button>
            }
          />
        </div>
      ) : null}
    </div>
  );
}

function Text({ label, text }: { label: string; text: string }) {
  return (
    <section aria-label={label} className="min-w-0">
      <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{label}</h4>
      <pre className="max-h-56 overflow-auto rounded-md border border-zinc-200 bg-white p-2 font-mono text-xs whitespace-pre-wrap text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
        {text || "(empty)"}
      </pre>
    </section>
  );
}

/** Four eyes: whether this customer's content was reviewed, and the button to record it. */
export function ReviewNotice({ step, review, canAct, customerName, common }: { step: CustomerStepDTO; review: ReviewState; canAct: boolean; customerName?: string; common: Common }) {
  const viewer = useViewer();
  if (review.reviewedByName) {
    return (
      <p className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="review-state">
        <span aria-hidden>✓ </span>Reviewed by {review.reviewedByName}
        {review.reviewedAt ? (
          <>
            {" "}
            <Time value={review.reviewedAt} />
          </>
        ) : null}
      </p>
    );
  }
  if (step.status === "done" || step.status === "skipped") return null;
  const own = viewer !== null && viewer.id === review.authorId;
  return (
    <Alert tone="info" title="Needs a review before it can be marked done">
      <span data-testid="review-state">
        {own ? (
          <>You last changed this content, so someone else reviews it as it will run{customerName ? ` for ${customerName}` : ""} (four eyes).</>
        ) : (
          <>
            Four eyes: someone other than {review.authorName ?? "the author of its content"} reads the content as it will run
            {customerName ? ` for ${customerName}` : ""} and records the review.
          </>
        )}
      </span>
      {canAct && !own ? (
        <span className="mt-2 block">
          <FormDialog
            {...common}
            title={`Review "${step.name}"`}
            description={`You have read the content as it will run${customerName ? ` for ${customerName}` : ""}, variables filled in. What you reviewed is kept in the history; any later change of the content needs a new review.`}
            action={reviewStepAction}
            submitLabel="Record review"
            trigger={
              <Button size="sm" variant="primary">
                Record review
              </Button>
            }
          />
        </span>
      ) : null}
    </Alert>
  );
}
