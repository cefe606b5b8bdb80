"use client";

import Link from "next/link";
import { useState } from "react";
import { Time } from "@/components/ui/time";
import type { StepRun } from "@/lib/domain/runs/types";
import { RunOutput } from "./run-output";
import { RunItemBadge } from "./run-badges";

const took = (ms: number | null) => (ms === null ? "" : ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`);

/**
 * A step's latest run: its state, which agent, how it ended (exit code, duration, the note in
 * words), who started it, what ran (its SHA-256) and the output — open by default while it is
 * queued, running or ended badly, a click away when it is done.
 */
export function StepRunSummary({ releaseId, run, stepName, customerName }: { releaseId: number; run: StepRun; stepName: string; customerName: string }) {
  const live = run.state === "queued" || run.state === "running";
  const [open, setOpen] = useState(live || run.state === "failed" || run.state === "unknown");
  return (
    <section className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" aria-label={`Latest run of ${stepName}`} data-testid="step-run" data-state={run.state}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <RunItemBadge state={run.state} />
        <span className="text-zinc-700 dark:text-zinc-300">
          <Link href={`/releases/${releaseId}/runs/${run.runId}`} className="font-medium underline-offset-2 hover:underline">
            Run #{run.runId}
          </Link>
          {run.agentName ? ` on agent ${run.agentName}` : ""}
          {run.exitCode !== null ? ` · exit ${run.exitCode}` : ""}
          {run.durationMs !== null ? ` · ${took(run.durationMs)}` : ""}
          {run.startedByName ? ` · started by ${run.startedByName}` : ""}
          {run.finishedAt ? (
            <>
              {" · "}
              <Time value={run.finishedAt} />
            </>
          ) : null}
        </span>
        <button type="button" className="ml-auto text-xs font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? "Hide output" : "Show output"}
        </button>
      </div>
      {run.note ? <p className="text-xs text-zinc-700 dark:text-zinc-300">{run.note}</p> : null}
      {run.sha256 ? (
        <p className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400" title="SHA-256 of exactly what ran, fixed when the agent claimed it">
          sha256 {run.sha256.slice(0, 16)}…
        </p>
      ) : null}
      {open ? <RunOutput runId={run.runId} itemId={run.itemId} initialState={run.state} label={`Output of ${stepName} for ${customerName}`} /> : null}
    </section>
  );
}
