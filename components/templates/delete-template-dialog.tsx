"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteTemplateStepAction } from "@/lib/domain/templates/actions";
import type { TemplateStepView } from "@/lib/domain/templates/types";
import { plural } from "@/lib/plural";


/** FS-004: delete with a warning that says exactly which customer steps go and which stay. */
export function DeleteTemplateDialog({ step, releaseActive }: { step: TemplateStepView; releaseActive: boolean }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Delete ${step.name}`} className="text-red-600! hover:bg-red-50 dark:text-red-400! dark:hover:bg-red-500/10">
          Delete
        </Button>
      }
      title={`Delete “${step.name}”?`}
      confirmLabel="Delete step"
      pendingLabel="Deleting…"
      onConfirm={() => deleteTemplateStepAction({ id: step.id, version: step.version })}
    >
      {releaseActive ? (
        <>
          <p>This release is active, so customers already have copies of this step:</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <strong>{plural(step.untouchedCopies, "pending copy", "pending copies")}</strong> will be removed from customers’ checklists.
            </li>
            <li>
              <strong>{plural(step.keptCopies, "copy", "copies")}</strong> already done, skipped or overridden will be kept as history.
            </li>
          </ul>
        </>
      ) : (
        <p>The step is removed from this draft. No customer has it yet.</p>
      )}
    </ConfirmDialog>
  );
}
