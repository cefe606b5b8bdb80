"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { markAllDoneAction } from "@/lib/domain/steps/actions";
import { FormDialog } from "@/components/ui/form-dialog";
import type { StepCategory } from "@/lib/domain/vocabulary";
import { awaitingWords, runningWords, type MarkAllPlan } from "@/lib/domain/steps/model/mark-all";

const steps = (n: number, category: StepCategory) => `${n} ${category} step${n === 1 ? "" : "s"}`;

/**
 * FET-004: every open step of one category marked done at once, with one note. The dialog says
 * exactly what will happen (markAllPlan: the domain's rules, read from the page's steps): how many
 * are marked, and which wait for a review and by whom.
 */
export function MarkAllButton({
  releaseId,
  customerId,
  customerName,
  category,
  plan,
}: {
  releaseId: number;
  customerId: number;
  customerName: string;
  category: StepCategory;
  plan: MarkAllPlan;
}) {
  const toast = useToast();
  // What is left and why, in the domain's words: waiting for a review, running on an agent.
  const left = [awaitingWords(plan.awaiting, plan.authors), plan.running ? runningWords(plan.running) : ""].filter(Boolean).join("; ");
  if (plan.open > 0 && plan.markable === 0) {
    return <p className="text-xs text-zinc-600 dark:text-zinc-400">{`${left[0].toUpperCase()}${left.slice(1)}.`}</p>;
  }
  return (
    <FormDialog
      trigger={
        <Button size="sm" variant="secondary" disabled={plan.markable === 0}>
          Mark all<span className="sr-only"> {category} steps</span> done
        </Button>
      }
      title={`Mark all ${category} steps done`}
      description={
        left
          ? `${plan.markable} of the ${plan.open} open ${category} steps for ${customerName} will be marked done; ${left}. Skipped and done steps stay as they are.`
          : `${steps(plan.markable, category)} for ${customerName} will be marked done. Skipped and done steps stay as they are.`
      }
      action={markAllDoneAction}
      hidden={{ releaseId, customerId, category }}
      submitLabel={`Mark ${plan.markable} done`}
      onDone={(d) =>
        toast(`Marked ${steps(d.marked, category)} done for ${customerName}` + (d.awaitingReview ? `; ${awaitingWords(d.awaitingReview, d.authors)}` : ""))
      }
    >
      {(f) => (
        <Field id={`bulk-notes-${category}`} label="Notes" hint="Optional; kept on every step marked." error={f.errorFor("notes")}>
          <Textarea name="notes" rows={3} defaultValue={f.value("notes")} />
        </Field>
      )}
    </FormDialog>
  );
}
