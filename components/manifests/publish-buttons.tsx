"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { callAction } from "@/components/ui/call-action";
import { useToast } from "@/components/ui/toast";
import { publishManifestsAction } from "@/lib/domain/manifests/actions";
import type { PublishOutcome } from "@/lib/domain/manifests/types";

/** After a publish: say what it did, then its merge view (one repository) or the list (several). */
function usePublished(releaseId: number) {
  const router = useRouter();
  const toast = useToast();
  return (publishes: PublishOutcome[]) => {
    const files = publishes.reduce((n, p) => n + p.files, 0);
    toast(publishes.every((p) => p.unchanged) ? "Nothing changed since the last publish" : `Published ${files} file${files === 1 ? "" : "s"}${publishes.length > 1 ? ` to ${publishes.length} repositories` : ""}`);
    if (publishes.length === 1) router.push(`/releases/${releaseId}/manifests/${publishes[0]!.publishId}`);
    else router.refresh();
  };
}

/**
 * Publish a stage's manifests: one commit on the stage's branch; then the merge view of what was
 * published (or the note that nothing changed since the last publish).
 */
export function PublishStageButton({ releaseId, stageId, label, disabled }: { releaseId: number; stageId: number | null; label: string; disabled?: boolean }) {
  const published = usePublished(releaseId);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const publish = () =>
    start(async () => {
      setError(null);
      const result = await callAction(publishManifestsAction, { releaseId, stageId: stageId ?? undefined, customerIds: [] });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      published(result.data);
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" onClick={publish} disabled={pending || disabled}>
        {pending ? "Publishing…" : label}
      </Button>
      {error ? (
        <p role="alert" className="max-w-md text-right text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Publish chosen customers' manifests (e.g. one customer ahead of its stage, or a retry for a few). */
export function PublishCustomersDialog({ releaseId, customers }: { releaseId: number; customers: Array<{ id: number; name: string; cluster: string; stage: string | null; steps: number }> }) {
  const published = usePublished(releaseId);
  if (customers.length === 0) return null;
  return (
    <FormDialog
      trigger={
        <Button variant="secondary" size="sm">
          Publish chosen customers…
        </Button>
      }
      title="Publish chosen customers"
      description="Their open steps go to the manifest repository as one commit on a branch of their own; someone else approves the merge."
      action={publishManifestsAction}
      hidden={{ releaseId, chosen: "true" }}
      submitLabel="Publish"
      pendingLabel="Publishing…"
      onDone={published}
    >
      {({ errorFor }) => (
        <fieldset aria-describedby={errorFor("customerIds") ? "publish-customers-error" : undefined}>
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Customers</legend>
          <ul className="mt-2 max-h-72 space-y-1.5 overflow-y-auto">
            {customers.map((c) => (
              <li key={c.id}>
                <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
                  <input type="checkbox" name="customerIds" value={c.id} className="size-4 accent-brand-600" />
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{c.name}</span>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    {c.cluster}
                    {c.stage ? ` · ${c.stage}` : ""} · {c.steps} step{c.steps === 1 ? "" : "s"}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {errorFor("customerIds") ? (
            <p id="publish-customers-error" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {errorFor("customerIds")}
            </p>
          ) : null}
        </fieldset>
      )}
    </FormDialog>
  );
}
