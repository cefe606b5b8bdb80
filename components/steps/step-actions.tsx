"use client";

import { useRouter } from "next/navigation";
import { LockIcon } from "@/components/ui/lock-icon";
import { useState, useTransition } from "react";
import { CodeEditor } from "@/components/code/code-editor";
import { CodeView } from "@/components/code/code-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import {
  editCustomStepAction,
  markStepDoneAction,
  overrideStepAction,
  removeCustomStepAction,
  resetStepAction,
  revertStepAction,
  skipStepAction,
  unskipStepAction,
} from "@/lib/domain/steps/actions";
import type { CustomerStepDTO, ReviewState, StepView, TemplateOriginal } from "@/lib/domain/steps/types";
import { DriftNotice, ReviewNotice } from "./content-checks";
import { ReviewCheckbox } from "./review-checkbox";
import { ExecutionSelect } from "./execution-select";
import type { MissingValue } from "@/lib/domain/content/types";
import { FormDialog, type DialogFormState } from "@/components/ui/form-dialog";
import type { StepType } from "@/lib/domain/vocabulary";
import { DiffView } from "./diff-view";
import { CancelRunButton, RunStepButton } from "@/components/runs/run-step-button";
import type { StepRun } from "@/lib/domain/runs/types";

/**
 * The actions that fit one customer step (spec 5.7): by source — template: Override; overridden:
 * View original, Reset to template; custom: Edit, Delete — and by status — pending/reverted:
 * Mark done, Skip; done: Revert; skipped: Un-skip. A done step's content is locked (BR-R03), so
 * content actions are offered only when it is not done. Viewers (`canAct` false) see View original
 * only. Reusable wherever a step is shown (customer view, side panel). With `local` (the matrix's
 * side panel, the customer checklist) the actions revalidate nothing and report success and
 * conflicts to the caller, which swaps in the changed step from the answer.
 */
export function StepActions({
  step,
  template,
  canAct,
  showLockNote = true,
  local,
  missing = [],
  drift = null,
  review = null,
  customerName,
  stageLock = null,
  lastRun = null,
  runText,
}: {
  /** The step's latest run on an agent (Cancel run while it is queued or running). */
  lastRun?: StepRun | null;
  /** What an agent would run for this customer (shown before Run). */
  runText?: string;
  /** The customer's rollout stage waits: no status change is offered (content may still be prepared). */
  stageLock?: string | null;
  step: CustomerStepDTO;
  /** Overridden, and the template changed since (the three-way view and keep / take new). */
  drift?: StepView["drift"];
  /** Four eyes, when the template step asks for it. */
  review?: ReviewState | null;
  customerName?: string;
  /** Values this customer lacks: marking done asks for a second thought. */
  missing?: MissingValue[];
  template?: TemplateOriginal | null;
  canAct: boolean;
  /** Say why content actions are missing on a done step (off where the row says it already). */
  showLockNote?: boolean;
  local?: LocalUpdates;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const ref = { stepId: step.id, version: step.version, ...(local ? { from: local.from } : {}) };
  const open = step.status === "pending" || step.status === "reverted";
  const locked = step.status === "done";
  const common = {
    hidden: ref,
    onNotice: setNotice,
    onDone: (data: unknown) => {
      setNotice(null);
      local?.onChange(data);
    },
    onConflict: local?.onConflict,
  };

  // Four eyes: until the review is recorded, "Record review" stands where "Mark done" would.
  const awaitingReview = Boolean(review && !review.reviewedByName && open);
  // An agent has it: its outcome decides; a queued one can still be decided by hand (which cancels it).
  const running = step.runState === "running";
  const inARun = running || step.runState === "queued";
  // A waiting stage: done, skip, un-skip and revert would be refused; say why instead.
  const canChangeStatus = canAct && !stageLock && !running;
  const canRun = canAct && !stageLock && open && step.execution === "agent" && !inARun && !awaitingReview;
  return (
    <div className="space-y-2">
      {drift ? <DriftNotice step={step} drift={drift} canAct={canAct} common={common} /> : null}
      {review ? <ReviewNotice step={step} review={review} canAct={canAct} customerName={customerName} common={common} /> : null}
      {canAct && stageLock && showLockNote ? (
        <p className="flex items-start gap-1.5 text-xs text-amber-900 dark:text-amber-200" data-testid="stage-lock">
          <LockIcon className="mt-px size-3.5" />
          <span>{stageLock}</span>
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {canRun ? (
          <RunStepButton
            step={step}
            customerName={customerName ?? "this customer"}
            runText={runText ?? step.content}
            retry={step.runState === "failed" || step.runState === "unknown"}
            onStarted={local?.onConflict}
          />
        ) : null}
        {canAct && inARun && lastRun && (lastRun.state === "queued" || lastRun.state === "running") ? <CancelRunButton runId={lastRun.runId} onDone={local?.onConflict} /> : null}
        {canChangeStatus && open && !awaitingReview ? (
          <FormDialog
            {...common}
            title={`Mark "${step.name}" done`}
            action={markStepDoneAction}
            submitLabel={missing.length ? "Mark done anyway" : "Mark done"}
            trigger={
              <Button size="sm" variant={step.execution === "agent" ? "secondary" : "primary"}>
                {step.execution === "agent" ? "Mark done by hand" : "Mark done"}
              </Button>
            }
          >
            {(f) => (
              <>
                {missing.length ? (
                  <Alert tone="warning" title="This step still needs values">
                    {missing.map((m) => `{{ ${m.name} }}`).join(", ")} {missing.length === 1 ? "has" : "have"} no value for this customer, so its
                    content is not complete. Mark it done only if what ran had {missing.length === 1 ? "it" : "them"} filled in.
                  </Alert>
                ) : null}
                <Field id={`notes-${step.id}`} label="Notes" hint="Optional: build number, anything worth keeping." error={f.errorFor("notes")}>
                  <Textarea name="notes" rows={3} defaultValue={f.value("notes")} placeholder="Enter execution notes…" />
                </Field>
              </>
            )}
          </FormDialog>
        ) : null}
        {canChangeStatus && open ? (
          <FormDialog
            {...common}
            title={`Skip "${step.name}"`}
            description="Skipping needs a reason; it is kept in the step's history."
            action={skipStepAction}
            submitLabel="Skip step"
            trigger={
              <Button size="sm" variant="secondary">
                Skip
              </Button>
            }
          >
            {(f) => (
              <Field id={`reason-${step.id}`} label="Reason" required error={f.errorFor("reason")}>
                <Textarea name="reason" rows={3} defaultValue={f.value("reason")} placeholder="Why is this step not needed for this customer?" />
              </Field>
            )}
          </FormDialog>
        ) : null}
        {canChangeStatus && step.status === "skipped" ? <UnskipButton step={step} onNotice={setNotice} local={local} /> : null}
        {canChangeStatus && locked ? (
          <FormDialog
            {...common}
            title={`Revert "${step.name}"`}
            description="The step goes back to be done again. Who did it and when stays in its history."
            action={revertStepAction}
            submitLabel="Revert"
            submitTone="danger"
            trigger={
              <Button size="sm" variant="secondary">
                Revert
              </Button>
            }
          >
            {(f) => (
              <Field id={`revert-${step.id}`} label="Reason" hint="Optional." error={f.errorFor("reason")}>
                <Input name="reason" defaultValue={f.value("reason")} />
              </Field>
            )}
          </FormDialog>
        ) : null}

        {step.source === "overridden" && template ? <ViewOriginal step={step} template={template} /> : null}

        {canAct && !locked && !step.isCustom ? (
          <FormDialog
            {...common}
            wide
            title={`Override "${step.name}" for this customer`}
            description="Only this customer's copy changes. It keeps its link to the template, and later template edits leave it alone."
            action={overrideStepAction}
            submitLabel="Save override"
            trigger={
              <Button size="sm" variant="secondary">
                {step.isOverridden ? "Edit override" : "Override content"}
              </Button>
            }
          >
            {(f) => (
              <Field id={`content-${step.id}`} label="Content" error={f.errorFor("content")}>
                <CodeEditor name="content" rows={12} language={step.type} defaultValue={f.value("content", step.content)} />
              </Field>
            )}
          </FormDialog>
        ) : null}
        {canAct && !locked && step.source === "overridden" ? (
          <FormDialog
            {...common}
            title={`Reset "${step.name}" to the template`}
            description="This customer's override is replaced by the template's current content. The override stays in the history."
            action={resetStepAction}
            submitLabel="Reset to template"
            submitTone="danger"
            trigger={
              <Button size="sm" variant="secondary">
                Reset to template
              </Button>
            }
          />
        ) : null}
        {canAct && !locked && step.isCustom ? <EditCustom step={step} needsReview={Boolean(review)} common={common} /> : null}
        {canAct && !locked && step.isCustom ? (
          <FormDialog
            {...common}
            title={`Delete custom step "${step.name}"`}
            description="The step leaves this customer's checklist. Its history is kept."
            action={removeCustomStepAction}
            submitLabel="Delete step"
            submitTone="danger"
            trigger={
              <Button size="sm" variant="ghost">
                Delete
              </Button>
            }
          />
        ) : null}
      </div>
      {canAct && locked && showLockNote ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Content is locked while the step is done; revert it to change it.</p>
      ) : null}
      {notice ? (
        <Alert tone="warning">
          <span className="flex items-start justify-between gap-3">
            {notice}
            <button type="button" className="text-xs underline" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </span>
        </Alert>
      ) : null}
    </div>
  );
}

/** Set by a caller that must not re-render its page; see StepActions. */
export type LocalUpdates = { from: "matrix" | "checklist"; onChange: (data: unknown) => void; onConflict: () => void };

function UnskipButton({ step, onNotice, local }: { step: CustomerStepDTO; onNotice: (m: string) => void; local?: LocalUpdates }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const result = await unskipStepAction({ stepId: step.id, version: step.version, ...(local ? { from: local.from } : {}) });
          if (result.ok) local?.onChange(result.data);
          else {
            onNotice(result.message);
            if (result.code === "conflict") {
              if (local) local.onConflict();
              else router.refresh();
            }
          }
        })
      }
    >
      {pending ? "Un-skipping…" : "Un-skip"}
    </Button>
  );
}

function ViewOriginal({ step, template }: { step: CustomerStepDTO; template: TemplateOriginal }) {
  return (
    <DialogRoot>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary">
          View original
        </Button>
      </DialogTrigger>
      <DialogContent
        className="sm:max-w-3xl"
        title={`Template original of "${step.name}"`}
        description={
          template.deleted
            ? "The template step has since been deleted; this is its last content."
            : "The template's current content, and how this customer's override differs from it."
        }
      >
        <div className="space-y-4">
          <section aria-label="Template content">
            <h3 className="mb-1.5 text-sm font-semibold">Template: {template.name}</h3>
            <CodeView html={template.html} code={template.content} type={template.type} filename={`${template.name}-template`} />
          </section>
          {template.diff ? (
            <section aria-label="Differences">
              <h3 className="mb-1.5 text-sm font-semibold">Differences</h3>
              <DiffView parts={template.diff} />
            </section>
          ) : null}
        </div>
      </DialogContent>
    </DialogRoot>
  );
}

function EditCustom({
  step,
  needsReview,
  common,
}: {
  step: CustomerStepDTO;
  needsReview: boolean;
  common: { hidden: Record<string, number | string>; onNotice: (m: string) => void; onDone: (data: unknown) => void; onConflict?: () => void };
}) {
  return (
    <FormDialog
      {...common}
      wide
      title={`Edit custom step "${step.name}"`}
      action={editCustomStepAction}
      submitLabel="Save"
      trigger={
        <Button size="sm" variant="secondary">
          Edit
        </Button>
      }
    >
      {(f) => <EditCustomFields step={step} needsReview={needsReview} f={f} />}
    </FormDialog>
  );
}

/** Its own component: the Type select drives the editor's language while the dialog is open. */
function EditCustomFields({ step, needsReview, f }: { step: CustomerStepDTO; needsReview: boolean; f: DialogFormState }) {
  const [type, setType] = useState<StepType>((f.value("type", step.type) as StepType) || step.type);
  return (
    <>
      <Field id={`name-${step.id}`} label="Step name" required error={f.errorFor("name")}>
        <Input name="name" defaultValue={f.value("name", step.name)} />
      </Field>
      <Field id={`type-${step.id}`} label="Type" error={f.errorFor("type")}>
        <Select name="type" value={type} onChange={(e) => setType(e.target.value as StepType)}>
          <option value="bash">Bash</option>
          <option value="sql">SQL</option>
          <option value="yaml">YAML</option>
          <option value="text">Text</option>
        </Select>
      </Field>
      <Field id={`ccontent-${step.id}`} label="Content" error={f.errorFor("content")}>
        <CodeEditor name="content" rows={10} language={type} defaultValue={f.value("content", step.content)} />
      </Field>
      <Field id={`desc-${step.id}`} label="Description" error={f.errorFor("description")}>
        <Input name="description" defaultValue={f.value("description", step.description)} />
      </Field>
      <ExecutionSelect id={`execution-${step.id}`} type={type} error={f.errorFor("execution")} defaultValue={f.value("execution", step.execution)} />
      <ReviewCheckbox id={`review-${step.id}`} custom error={f.errorFor("needsReview")} defaultChecked={f.failure ? f.value("needsReview") === "on" : needsReview} />
    </>
  );
}
