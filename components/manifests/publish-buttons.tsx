"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { callAction } from "@/components/ui/call-action";
import { useToast } from "@/components/ui/toast";
import { publishManifestsAction } from "@/lib/domain/manifests/actions";

/**
 * Publish a stage's manifests: one commit on the stage's branch; then the merge view of what was
 * published (or the note that nothing changed since the last publish).
 */
export function PublishStageButton({ releaseId, stageId, label, disabled }: { releaseId: number; stageId: number | null; label: string; disabled?: boolean }) {
  const router = useRouter();
  const toast = useToast();
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
      const publishes = result.data;
      const files = publishes.reduce((n, p) => n + p.files, 0);
      toast(publishes.every((p) => p.unchanged) ? "Nothing changed since the last publish" : `Published ${files} file${files === 1 ? "" : "s"}${publishes.length > 1 ? ` to ${publishes.length} repositories` : ""}`);
      // One repository: straight to its merge view; several: the list of publishes.
      if (publishes.length === 1) router.push(`/releases/${releaseId}/manifests/${publishes[0]!.publishId}`);
      else router.refresh();
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
