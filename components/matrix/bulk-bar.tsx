"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Textarea } from "@/components/ui/input";
import { bulkChangeAction } from "@/lib/domain/steps/actions";
import type { BulkChangeResult } from "@/lib/domain/steps/model/bulk";
import { plural } from "@/lib/plural";

export type Selection = {
  steps: Array<{ stepId: number; version: number }>;
  customers: number;
  clusters: string[];
  /** How many of the selected steps each change applies to now (the rest would be left). */
  applies: { done: number; skip: number; revert: number };
};

const where = (clusters: string[]) => (clusters.length === 1 ? `in ${clusters[0]}` : clusters.length <= 3 ? `in ${clusters.join(", ")}` : `in ${clusters.length} clusters`);

/**
 * The matrix's selection bar: what is selected, and the three bulk changes, each behind a
 * confirmation that says exactly what will change ("Mark 48 steps done for 48 customers in
 * prod-eu"). The answer lists what changed and what was left, and why.
 */
export function BulkBar({
  releaseId,
  selection,
  onSelectShown,
  onClear,
  onDone,
}: {
  releaseId: number;
  selection: Selection;
  onSelectShown: () => void;
  onClear: () => void;
  onDone: (result: BulkChangeResult, change: "done" | "skip" | "revert") => void;
}) {
  const n = selection.steps.length;
  const scope = `for ${plural(selection.customers, "customer")} ${where(selection.clusters)}`;
  const run = (change: "done" | "skip" | "revert") => (form: FormData) =>
    bulkChangeAction({ releaseId, change, steps: selection.steps, reason: String(form.get("reason") ?? ""), notes: String(form.get("notes") ?? "") });
  const leftNote = (count: number) => (count < n ? ` ${n - count} of the ${n} selected ${n - count === 1 ? "is" : "are"} not in a state this change applies to (or wait for their stage) and will be left as ${n - count === 1 ? "it is" : "they are"}.` : "");
  return (
    <div
      role="region"
      aria-label="Selection"
      data-testid="bulk-bar"
      className="sticky bottom-3 z-20 mt-4 flex flex-wrap items-center gap-2 rounded-xl border border-brand-300 bg-white/95 px-4 py-3 shadow-lg backdrop-blur dark:border-brand-500/40 dark:bg-zinc-900/95"
    >
      <p className="mr-auto text-sm text-zinc-800 dark:text-zinc-200" aria-live="polite">
        <strong className="tabular-nums">{plural(n, "step")}</strong> selected {n ? scope : ""}
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">Click cells to select; Shift-click selects the rectangle from the last one.</span>
      </p>
      <Button size="sm" variant="ghost" onClick={onSelectShown}>
        Select all shown
      </Button>
      <Button size="sm" variant="ghost" onClick={onClear} disabled={n === 0}>
        Clear
      </Button>
      <FormDialog
        trigger={
          <Button size="sm" disabled={selection.applies.done === 0}>
            Mark done…
          </Button>
        }
        title={`Mark ${plural(selection.applies.done, "step")} done ${scope}?`}
        description={`Each step gets its own history entry, with what ran; the change is audited as one bulk action.${leftNote(selection.applies.done)}`}
        action={run("done")}
        submitLabel={`Mark ${plural(selection.applies.done, "step")} done`}
        pendingLabel="Marking…"
        onDone={(data) => onDone(data, "done")}
      >
        {({ errorFor }) => (
          <Field id="bulk-notes" label="Notes (optional)" error={errorFor("notes")} hint="Kept with every step, e.g. the pipeline run.">
            <Textarea name="notes" rows={2} />
          </Field>
        )}
      </FormDialog>
      <FormDialog
        trigger={
          <Button size="sm" variant="secondary" disabled={selection.applies.skip === 0}>
            Skip…
          </Button>
        }
        title={`Skip ${plural(selection.applies.skip, "step")} ${scope}?`}
        description={`One reason for all of them, kept in each step's history.${leftNote(selection.applies.skip)}`}
        action={run("skip")}
        submitLabel={`Skip ${plural(selection.applies.skip, "step")}`}
        pendingLabel="Skipping…"
        onDone={(data) => onDone(data, "skip")}
      >
        {({ errorFor }) => (
          <Field id="bulk-reason" label="Reason" required error={errorFor("reason")}>
            <Input name="reason" autoComplete="off" />
          </Field>
        )}
      </FormDialog>
      <FormDialog
        trigger={
          <Button size="sm" variant="secondary" disabled={selection.applies.revert === 0}>
            Revert…
          </Button>
        }
        title={`Revert ${plural(selection.applies.revert, "step")} ${scope}?`}
        description={`They go back to be done again; who did them and when stays in their history.${leftNote(selection.applies.revert)}`}
        action={run("revert")}
        submitLabel={`Revert ${plural(selection.applies.revert, "step")}`}
        submitTone="danger"
        pendingLabel="Reverting…"
        onDone={(data) => onDone(data, "revert")}
      >
        {({ errorFor }) => (
          <Field id="bulk-revert-reason" label="Reason (optional)" error={errorFor("reason")}>
            <Input name="reason" autoComplete="off" />
          </Field>
        )}
      </FormDialog>
    </div>
  );
}
