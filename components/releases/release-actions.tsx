"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { archiveReleaseAction, cloneReleaseAction } from "@/lib/domain/releases/actions";
import type { ReleaseStatus, ReleaseType } from "@/lib/domain/releases/model/rules";

/** FR-004: a new draft with the same template steps; name and version are asked for. */
export function CloneReleaseDialog({ release }: { release: { id: number; name: string; type: ReleaseType; versionNumber: string | null } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { formAction, pending, failure, errorFor, value, formKey } = useActionForm(cloneReleaseAction, (data) => {
    setOpen(false);
    router.push(`/releases/${data.id}?cloned=${data.templateCount}`);
  });
  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">Clone</Button>
      </DialogTrigger>
      <DialogContent title={`Clone “${release.name}”`} description="Creates a new draft with the same template steps. Customers and their progress are not copied.">
        <form key={formKey} action={formAction} className="space-y-4" noValidate>
          {failure && failure.code !== "invalid_input" ? <Alert tone="error">{failure.message}</Alert> : null}
          <input type="hidden" name="id" value={release.id} />
          <Field id="clone-name" label="Name of the new release" required error={errorFor("name")}>
            <Input name="name" defaultValue={value("name", `${release.name} (copy)`)} autoComplete="off" />
          </Field>
          <Field
            id="clone-version"
            label="Version"
            required={release.type === "release"}
            error={errorFor("versionNumber")}
            hint={release.type === "release" ? "Required for releases, e.g. v2.6.0." : "Optional."}
          >
            <Input name="versionNumber" defaultValue={value("versionNumber", release.versionNumber)} className="font-mono" />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? "Cloning…" : "Create draft"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </DialogRoot>
  );
}

/** FR-005: archive an active release, or abandon a draft; both end read-only. */
export function ArchiveReleaseDialog({ release }: { release: { id: number; name: string; status: ReleaseStatus; stepsTotal: number; stepsDone: number; stepsSkipped: number } }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const draft = release.status === "draft";
  const open_ = release.stepsTotal - release.stepsDone - release.stepsSkipped;
  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost">{draft ? "Abandon draft" : "Archive"}</Button>
      </DialogTrigger>
      <DialogContent title={draft ? `Abandon “${release.name}”?` : `Archive “${release.name}”?`}>
        <div className="space-y-3 text-sm text-zinc-700 dark:text-zinc-300">
          <p>
            {draft
              ? "The draft is archived without ever being activated. No customer has its steps."
              : "The release and every customer’s checklist become read-only; history is kept."}{" "}
            Archived releases cannot be activated or edited again, but they can be cloned.
          </p>
          {!draft && open_ > 0 ? (
            <Alert tone="warning">
              {open_} customer {open_ === 1 ? "step is" : "steps are"} still pending.
            </Alert>
          ) : null}
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
                const result = await archiveReleaseAction({ id: release.id });
                if (result.ok) setOpen(false);
                else setError(result.message);
              })
            }
          >
            {pending ? "Archiving…" : draft ? "Abandon draft" : "Archive release"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </DialogRoot>
  );
}
