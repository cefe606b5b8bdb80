"use client";

import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { StepManifest } from "@/lib/domain/manifests/types";
import { Sha } from "./publish-badges";
import { CompareButton } from "./merge-controls";

/**
 * The panel's manifest line for a step published to the manifest repository: waiting in a
 * publish for approval, or merged (the commit, the path and the approver: its evidence), with
 * "Compare with the repository" and a warning when the file was edited by hand since.
 */
export function StepManifestFacts({ releaseId, stepId, manifest, canAct }: { releaseId: number; stepId: number; manifest: StepManifest | null | undefined; canAct: boolean }) {
  if (!manifest) {
    return (
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Not published yet. A release manager publishes its stage on the{" "}
        <Link prefetch={false} href={`/releases/${releaseId}/manifests`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
          manifests page
        </Link>
        ; someone else approves the merge, which marks it done.
      </p>
    );
  }
  const link = (
    <Link prefetch={false} href={`/releases/${releaseId}/manifests/${manifest.publishId}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
      publish #{manifest.publishId}
    </Link>
  );
  return (
    <div className="space-y-2 text-sm text-zinc-700 dark:text-zinc-300" data-testid="step-manifest">
      {manifest.status === "merged" && manifest.mergedSha ? (
        <p>
          Merged into <span className="font-mono">{manifest.branch}</span> of {manifest.repository} at <Sha sha={manifest.mergedSha} />, approved by {manifest.mergedBy ?? "someone"}
          {manifest.mergedAt ? (
            <>
              , <Time value={manifest.mergedAt} />
            </>
          ) : null}{" "}
          ({link}).
        </p>
      ) : (
        <p>
          Published in {link}, waiting for someone other than the publisher to approve the merge.
        </p>
      )}
      <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{manifest.path}</p>
      {manifest.drifted ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
          Changed in the repository since the merge: {manifest.branch} no longer holds the file that was reviewed (someone edited it by hand)
          {manifest.driftCheckedAt ? (
            <>
              {" "}
              — checked <Time value={manifest.driftCheckedAt} />
            </>
          ) : null}
          .
        </p>
      ) : null}
      {manifest.status === "merged" && canAct ? (
        <div className="flex justify-start">
          <CompareButton releaseId={releaseId} stepId={stepId} />
        </div>
      ) : null}
    </div>
  );
}
