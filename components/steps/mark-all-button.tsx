"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { markAllDoneAction } from "@/lib/domain/steps/actions";
import { FormDialog } from "@/components/ui/form-dialog";
import type { StepCategory } from "@/lib/domain/vocabulary";

/** FET-004: every open step of one category marked done at once, with one note. */
export function MarkAllButton({
  releaseId,
  customerId,
  customerName,
  category,
  open,
}: {
  releaseId: number;
  customerId: number;
  customerName: string;
  category: StepCategory;
  open: number;
}) {
  const noun = `${category} step${open === 1 ? "" : "s"}`;
  const toast = useToast();
  return (
    <FormDialog
      trigger={
        <Button size="sm" variant="secondary" disabled={open === 0}>
          Mark all<span className="sr-only"> {category} steps</span> done
        </Button>
      }
      title={`Mark all ${category} steps done`}
      description={`${open} open ${noun} for ${customerName} will be marked done. Skipped and done steps stay as they are.`}
      action={markAllDoneAction}
      hidden={{ releaseId, customerId, category }}
      submitLabel={`Mark ${open} done`}
      onDone={(d) =>
        toast(
          `Marked ${d.marked} ${category} ${d.marked === 1 ? "step" : "steps"} done for ${customerName}` +
            (d.awaitingReview ? `; ${d.awaitingReview} left for their review` : ""),
        )
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
