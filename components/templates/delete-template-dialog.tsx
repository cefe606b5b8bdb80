"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { deleteTemplateStepAction } from "@/lib/domain/templates/actions";
import type { TemplateStepView } from "@/lib/domain/templates/types";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** FS-004: delete with a warning that says exactly which customer steps go and which stay. */
export function DeleteTemplateDialog({ step, releaseActive }: { step: TemplateStepView; releaseActive: boolean }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <DialogRoot open={open} onOpenChange={(o) => (setOpen(o), setError(null))}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Delete ${step.name}`} className="text-red-600! hover:bg-red-50 dark:text-red-400! dark:hover:bg-red-500/10">
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent title={`Delete “${step.name}”?`}>
        <div className="space-y-3 text-sm text-zinc-700 dark:text-zinc-300">
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
          {error ? <Alert tone="error">{error}</Alert> : null}
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await deleteTemplateStepAction({ id: step.id, version: step.version });
                if (result.ok) setOpen(false);
                else setError(result.message);
              })
            }
          >
            {pending ? "Deleting…" : "Delete step"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </DialogRoot>
  );
}
