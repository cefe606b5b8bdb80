"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { callAction } from "@/components/ui/call-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { compareManifestsAction, mergePublishAction } from "@/lib/domain/manifests/actions";

/**
 * Approve and merge, for someone other than the publisher: the commit they looked at is what is
 * merged (a newer publish is a new review). A refusal — a conflict, a step changed since — is
 * said in words and the page shows what changed.
 */
export function ApproveMergeButton({ publishId, commitSha, files, target, refusal }: { publishId: number; commitSha: string; files: number; target: string; refusal: string | null }) {
  const router = useRouter();
  const toast = useToast();
  if (refusal) {
    return (
      <div className="flex max-w-md flex-col items-end gap-1">
        <Button disabled>Approve and merge</Button>
        <p className="text-right text-xs text-zinc-600 dark:text-zinc-400">{refusal}</p>
      </div>
    );
  }
  return (
    <ConfirmDialog
      trigger={<Button>Approve and merge</Button>}
      title={`Merge ${files} file${files === 1 ? "" : "s"} into ${target}?`}
      description={`GitOps applies ${target} as soon as it sees the merge. Each customer's step is then done, with the merged commit as its evidence.`}
      confirmLabel="Approve and merge"
      pendingLabel="Merging…"
      tone="primary"
      onConfirm={() => callAction(mergePublishAction, { publishId, commitSha })}
      onDone={(data) => {
        toast(`Merged at ${data.mergedSha.slice(0, 12)} (${data.mergeKind}): ${data.done} step${data.done === 1 ? "" : "s"} done${data.notDone ? `, ${data.notDone} decided by hand meanwhile` : ""}`);
        router.refresh();
      }}
    />
  );
}

/** Compare merged files with the repository's target branch now (drift back). */
export function CompareButton({ releaseId, stepId, size = "sm" }: { releaseId: number; stepId?: number; size?: "sm" | "md" }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const compare = () =>
    start(async () => {
      const result = await callAction(compareManifestsAction, { releaseId, stepId });
      if (!result.ok) setSaid({ ok: false, text: result.message });
      else {
        const r = result.data;
        setSaid(
          r.changed.length
            ? { ok: false, text: `${r.changed.length} of ${r.checked} changed in the repository since the merge: ${r.changed.map((c) => `${c.customer} (${c.path}${c.missing ? ", deleted" : ""})`).join(", ")}.` }
            : { ok: true, text: `The repository still holds exactly what was merged (${r.checked} file${r.checked === 1 ? "" : "s"}).` },
        );
        router.refresh();
      }
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" size={size} onClick={compare} disabled={pending}>
        {pending ? "Comparing…" : "Compare with the repository"}
      </Button>
      {said ? (
        <p role="status" className={said.ok ? "max-w-md text-right text-xs text-emerald-700 dark:text-emerald-400" : "max-w-md text-right text-xs text-amber-800 dark:text-amber-300"}>
          {said.text}
        </p>
      ) : null}
    </div>
  );
}
