"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useLive, useRefreshSoon } from "@/components/live/live-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { pauseRunAction, resumeRunAction } from "@/lib/domain/runs/actions";
import type { RunItemView, RunView as Run } from "@/lib/domain/runs/types";
import type { RunItemState } from "@/lib/domain/vocabulary";
import { CancelRunButton } from "./run-step-button";
import { RunItemBadge, RunStatusBadge, itemWords } from "./run-badges";
import { RunOutput } from "./run-output";

const order: RunItemState[] = ["queued", "running", "done", "failed", "unknown", "cancelled"];
const took = (ms: number | null) => (ms === null ? "—" : ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`);

/**
 * The run page's body: its state and why (paused by its failure budget, say), counts per state,
 * Pause / Resume / Cancel, and every step with its customer, agent, exit code, duration and live
 * output. It re-reads itself when the run's items move (live announcements), at most every 0.8 s.
 */
export function RunView({ run, canAct }: { run: Run; canAct: boolean }) {
  const refresh = useRefreshSoon(800);
  useLive((e) => {
    if (e.kind === "resync" || e.kind === "connected") return refresh();
    if (e.kind !== "run" || e.runId !== run.id) return;
    // The run itself changed (paused, resumed, finished), many items did, or an item's state moved
    // (claimed, ended): the counts and the table follow. Output alone is the output's business.
    if (e.items === null || e.items.some(([id, , state]) => run.items.find((i) => i.id === id)?.state !== state)) refresh();
  });
  const toast = useToast();
  const over = run.status === "finished" || run.status === "cancelled";
  // Coming here from another page, the live stream was already listening: what the agents did
  // between this page's render and this view's subscription would never be announced to it. So
  // a run still under way is read once more when the view appears.
  const readOnce = useRef<number | null>(null);
  useEffect(() => {
    if (readOnce.current === run.id) return;
    readOnce.current = run.id;
    if (!over) refresh();
  });
  return (
    <div className="space-y-5">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4 p-4 sm:p-5">
          <div className="space-y-1.5 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <RunStatusBadge status={run.status} />
              <span className="text-zinc-700 dark:text-zinc-300">
                Started <Time value={run.createdAt} />
                {run.startedByName ? ` by ${run.startedByName}` : ""}
                {run.finishedAt ? (
                  <>
                    {" · ended "}
                    <Time value={run.finishedAt} />
                  </>
                ) : null}
              </span>
            </p>
            <p className="text-zinc-600 dark:text-zinc-400">
              {run.maxParallel} at a time ({run.maxParallelPerCluster} per cluster)
              {run.failureBudget !== null || run.failureBudgetPercent !== null
                ? ` · pauses after ${[run.failureBudget !== null ? `${run.failureBudget} failure${run.failureBudget === 1 ? "" : "s"}` : null, run.failureBudgetPercent !== null ? `${run.failureBudgetPercent} % of its steps failing` : null].filter(Boolean).join(" or ")}`
                : " · no failure budget"}
            </p>
          </div>
          {canAct && !over ? (
            <div className="flex flex-wrap gap-2">
              {run.status === "active" ? (
                <ConfirmDialog
                  trigger={<Button size="sm" variant="secondary">Pause</Button>}
                  title={`Pause run #${run.id}?`}
                  description="Agents take no more of its steps; the ones running now finish and report."
                  confirmLabel="Pause"
                  tone="primary"
                  onConfirm={() => pauseRunAction({ runId: run.id })}
                  onDone={() => toast(`Run #${run.id} paused`)}
                />
              ) : (
                <ConfirmDialog
                  trigger={<Button size="sm" variant="primary">Resume</Button>}
                  title={`Resume run #${run.id}?`}
                  description={run.pausedReason ? `It was paused: ${run.pausedReason} Agents take its queued steps again.` : "Agents take its queued steps again."}
                  confirmLabel="Resume"
                  tone="primary"
                  onConfirm={() => resumeRunAction({ runId: run.id })}
                  onDone={() => toast(`Run #${run.id} resumed`)}
                />
              )}
              <CancelRunButton runId={run.id} />
            </div>
          ) : null}
        </div>
        {run.pausedReason && run.status === "paused" ? (
          <div className="px-4 pb-4 sm:px-5">
            <Alert tone="warning" title="Paused">
              {run.pausedReason} Look at what failed below; retry or settle those steps from their panels, then resume or cancel the run.
            </Alert>
          </div>
        ) : null}
        <dl className="grid grid-cols-3 gap-px border-t border-zinc-200 bg-zinc-200 sm:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-800" aria-label="Steps by state">
          {order.map((s) => (
            <div key={s} className="bg-white px-4 py-3 dark:bg-zinc-900" data-testid={`run-count-${s}`}>
              <dt className="text-xs text-zinc-600 dark:text-zinc-400">{itemWords[s]}</dt>
              <dd className="text-xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-50">{run.counts[s]}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Steps of the run">
          {run.items.map((item) => (
            <RunItemRow key={item.id} item={item} releaseId={run.releaseId} runId={run.id} />
          ))}
        </ol>
      </Card>
    </div>
  );
}

function RunItemRow({ item, releaseId, runId }: { item: RunItemView; releaseId: number; runId: number }) {
  // Open by itself once it ended badly (also when that happens while the page is open), until the reader says otherwise.
  const [chosen, setOpen] = useState<boolean | null>(null);
  const open = chosen ?? (item.state === "failed" || item.state === "unknown");
  return (
    <li className="px-4 py-3 sm:px-5" data-testid="run-item" data-customer={item.customerName} data-state={item.state}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <RunItemBadge state={item.state} />
        <Link href={`/releases/${releaseId}/customers/${item.customerId}#step-${item.stepId}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
          {item.customerName}
        </Link>
        <span className="text-zinc-600 dark:text-zinc-400">
          {item.clusterName}/<code className="font-mono text-xs">{item.namespace}</code> · {item.stepName}
        </span>
        <span className="ml-auto flex items-center gap-3 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
          {item.agentName ? <span>agent {item.agentName}</span> : null}
          {item.exitCode !== null ? <span>exit {item.exitCode}</span> : null}
          <span>{took(item.durationMs)}</span>
          {item.state !== "queued" && item.state !== "cancelled" ? (
            <button type="button" className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? "Hide output" : "Output"}
            </button>
          ) : null}
        </span>
      </div>
      {item.note ? <p className="mt-1 text-xs text-zinc-700 dark:text-zinc-300">{item.note}</p> : null}
      {open ? (
        <div className="mt-2">
          <RunOutput runId={runId} itemId={item.id} initialState={item.state} label={`Output of ${item.stepName} for ${item.customerName}`} />
        </div>
      ) : null}
    </li>
  );
}
