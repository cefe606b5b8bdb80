"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { archiveReleaseAction, cloneReleaseAction } from "@/lib/domain/releases/actions";
import type { ReleaseStatus, ReleaseType } from "@/lib/domain/vocabulary";

/** FR-004: a new draft with the same template steps; name and version are asked for. */
export function CloneReleaseDialog({ release }: { release: { id: number; name: string; type: ReleaseType; versionNumber: string | null } }) {
  const router = useRouter();
  return (
    <FormDialog
      trigger={<Button variant="secondary">Clone</Button>}
      title={`Clone “${release.name}”`}
      description="Creates a new draft with the same template steps. Customers and their progress are not copied."
      action={cloneReleaseAction}
      hidden={{ id: release.id }}
      submitLabel="Create draft"
      pendingLabel="Cloning…"
      onDone={(data) => router.push(`/releases/${data.id}?cloned=${data.templateCount}`)}
    >
      {({ errorFor }) => (
        <>
          <Field id="clone-name" label="Name of the new release" required error={errorFor("name")}>
            <Input name="name" defaultValue={`${release.name} (copy)`} autoComplete="off" />
          </Field>
          <Field
            id="clone-version"
            label="Version"
            required={release.type === "release"}
            error={errorFor("versionNumber")}
            hint={release.type === "release" ? "Required for releases, e.g. v2.6.0." : "Optional."}
          >
            <Input name="versionNumber" defaultValue={release.versionNumber ?? ""} className="font-mono" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}

/** FR-005: archive an active release, or abandon a draft; both end read-only. */
export function ArchiveReleaseDialog({ release }: { release: { id: number; name: string; status: ReleaseStatus; stepsTotal: number; stepsDone: number; stepsSkipped: number } }) {
  const draft = release.status === "draft";
  const toast = useToast();
  const open = release.stepsTotal - release.stepsDone - release.stepsSkipped;
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost">{draft ? "Abandon draft" : "Archive"}</Button>}
      title={draft ? `Abandon “${release.name}”?` : `Archive “${release.name}”?`}
      confirmLabel={draft ? "Abandon draft" : "Archive release"}
      pendingLabel="Archiving…"
      onConfirm={() => archiveReleaseAction({ id: release.id })}
      onDone={() => toast(draft ? `Draft “${release.name}” abandoned` : `“${release.name}” archived: it is read-only now`)}
    >
      <p>
        {draft
          ? "The draft is archived without ever being activated. No customer has its steps."
          : "The release and every customer’s checklist become read-only; history is kept."}{" "}
        Archived releases cannot be activated or edited again, but they can be cloned.
      </p>
      {!draft && open > 0 ? (
        <Alert tone="warning">
          {open} customer {open === 1 ? "step is" : "steps are"} still pending.
        </Alert>
      ) : null}
    </ConfirmDialog>
  );
}
