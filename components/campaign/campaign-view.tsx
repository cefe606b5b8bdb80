"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { StepContent } from "@/components/code/step-content";
import { isTextField, modalOpen } from "@/components/shell/keyboard";
import { singleKeysOn } from "@/components/shell/single-keys";
import { stepFilename } from "@/components/code/copy-button";
import { StatusLabel } from "@/components/steps/step-status";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { loadStepDetailAction, markStepDoneAction, skipStepAction, type StepChange } from "@/lib/domain/steps/actions";
import { runStepAction } from "@/lib/domain/runs/actions";
import { applyDetailPatch, shownContent } from "@/lib/domain/steps/model/patch";
import type { StepDetail } from "@/lib/domain/steps/types";
import type { StepStatus } from "@/lib/domain/vocabulary";

export type CampaignEntry = {
  stepId: number;
  version: number;
  status: StepStatus;
  customer: { id: number; name: string; namespace: string };
  cluster: { id: number; name: string };
  missing: string[];
};

/** What happened to an entry in this campaign (shown in the list and counted in the progress). */
type Outcome = "done" | "skipped" | "elsewhere" | "queued";

/**
 * Campaign mode: one template step, walked across every customer whose copy is still to do, one
 * key per decision — d done (with the optional note), r run it on an agent (agent steps), s skip (the reason is remembered for the
 * next one), j / k next / previous, c copy the content as it runs for this customer, o open the
 * full panel. Each customer's step is loaded as it is reached (the next one ahead of time), and a
 * customer someone else finished meanwhile is passed over with a notice. The domain decides every
 * change; this page only walks.
 */
export function CampaignView({
  releaseId,
  templateName,
  queue,
  total,
  canAct,
  waitingForStage = 0,
}: {
  releaseId: number;
  templateName: string;
  queue: CampaignEntry[];
  total: number;
  canAct: boolean;
  /** Customers with this step still to do whose rollout stage is not open yet (not walked). */
  waitingForStage?: number;
}) {
  const [clusterId, setClusterId] = useState<number | "all">("all");
  const entries = useMemo(() => (clusterId === "all" ? queue : queue.filter((e) => e.cluster.id === clusterId)), [queue, clusterId]);
  const clusters = useMemo(() => [...new Map(queue.map((e) => [e.cluster.id, e.cluster])).values()], [queue]);
  const [index, setIndex] = useState(0);
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [details, setDetails] = useState<Record<number, StepDetail>>({});
  const [notice, setNotice] = useState<{ tone: "warning" | "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const notes = useRef<HTMLTextAreaElement>(null);
  const reason = useRef<HTMLInputElement>(null);
  const toast = useToast();
  const current = entries[index];
  const detail = current ? details[current.stepId] : undefined;
  const loading = useRef(new Set<number>());
  // "Press d again" was said of one customer: another customer asks again.
  const currentId = current?.stepId;
  useEffect(() => setConfirmMissing(false), [currentId]);

  const load = useCallback(async (stepId: number) => {
    if (loading.current.has(stepId)) return;
    loading.current.add(stepId);
    const result = await loadStepDetailAction({ stepId });
    loading.current.delete(stepId);
    if (result.ok) setDetails((d) => ({ ...d, [stepId]: result.data }));
  }, []);

  // The current customer's step, and the next one ahead of time.
  useEffect(() => {
    for (const e of entries.slice(index, index + 2)) if (!details[e.stepId]) void load(e.stepId);
  }, [entries, index, details, load]);

  // Reached a customer someone else finished meanwhile: say so, and pass over it.
  useEffect(() => {
    if (!current || !detail || outcomes[current.stepId]) return;
    const s = detail.step.status;
    if (s === "done" || s === "skipped") {
      setOutcomes((o) => ({ ...o, [current.stepId]: "elsewhere" }));
      setNotice({ tone: "warning", text: `${current.customer.name} was ${s === "done" ? "completed" : "skipped"} by ${detail.step.updatedByName ?? "someone else"} meanwhile: passed over.` });
      setIndex((i) => Math.min(i + 1, entries.length));
    }
  }, [current, detail, outcomes, entries.length]);

  const handled = Object.values(outcomes).filter((o) => o === "done" || o === "skipped").length;
  const skipped = Object.values(outcomes).filter((o) => o === "skipped").length;

  const next = useCallback(() => {
    setConfirmMissing(false);
    setIndex((i) => Math.min(i + 1, entries.length));
  }, [entries.length]);
  const previous = useCallback(() => {
    setConfirmMissing(false);
    setIndex((i) => Math.max(i - 1, 0));
  }, []);

  const settle = useCallback(
    (stepId: number, outcome: Outcome, change: StepChange) => {
      setOutcomes((o) => ({ ...o, [stepId]: outcome }));
      const patch = change.patch;
      if (patch)
        setDetails((d) => {
          if (!d[stepId]) return d;
          const patched = applyDetailPatch(d[stepId], patch);
          if (patched) return { ...d, [stepId]: patched };
          // Not applicable to what was shown: forgotten, so it is read again if walked back to.
          const { [stepId]: _stale, ...rest } = d;
          return rest;
        });
      if (notes.current) notes.current.value = "";
      next();
    },
    [next],
  );

  const refused = useCallback(
    async (stepId: number, result: { code: string; message: string }) => {
      setNotice({ tone: "error", text: result.message });
      // Changed meanwhile: read it again; if it was finished elsewhere the walk passes over it.
      if (result.code === "conflict") await load(stepId);
    },
    [load],
  );

  const markDone = useCallback(async () => {
    if (!current || !detail || busy || !canAct || outcomes[current.stepId]) return;
    if (detail.rendered.missing.length && !confirmMissing) {
      setConfirmMissing(true);
      setNotice({ tone: "warning", text: `${detail.rendered.missing.map((m) => `{{ ${m.name} }}`).join(", ")} has no value for ${current.customer.name}. Press d again to mark it done anyway.` });
      return;
    }
    setBusy(true);
    const result = await markStepDoneAction({ stepId: current.stepId, version: detail.step.version, notes: notes.current?.value ?? "", from: "matrix" });
    setBusy(false);
    if (result.ok) {
      setNotice({ tone: "success", text: `${current.customer.name}: done.` });
      settle(current.stepId, "done", result.data);
    } else await refused(current.stepId, result);
  }, [current, detail, busy, canAct, outcomes, confirmMissing, settle, refused]);

  const skip = useCallback(async () => {
    if (!current || !detail || busy || !canAct || outcomes[current.stepId]) return;
    const why = reason.current?.value.trim() ?? "";
    if (!why) {
      setNotice({ tone: "warning", text: "A reason is needed to skip: type it, then press Enter (it is kept for the next customer)." });
      reason.current?.focus();
      return;
    }
    setBusy(true);
    const result = await skipStepAction({ stepId: current.stepId, version: detail.step.version, reason: why, from: "matrix" });
    setBusy(false);
    if (result.ok) {
      // Back to the walk's keys; the reason stays for the next customer.
      reason.current?.blur();
      setNotice({ tone: "success", text: `${current.customer.name}: skipped (${why}).` });
      settle(current.stepId, "skipped", result.data);
    } else await refused(current.stepId, result);
  }, [current, detail, busy, canAct, outcomes, settle, refused]);

  // An agent step: r hands it to an agent of the customer's cluster (exactly this text runs).
  const runOnAgent = useCallback(async () => {
    if (!current || !detail || busy || !canAct || outcomes[current.stepId] || detail.step.execution !== "agent") return;
    setBusy(true);
    const result = await runStepAction({ stepId: current.stepId, version: detail.step.version, timeoutMinutes: 10 });
    setBusy(false);
    if (result.ok) {
      setNotice({ tone: "success", text: `${current.customer.name}: queued for an agent (run #${result.data.runId}).` });
      setOutcomes((o) => ({ ...o, [current.stepId]: "queued" }));
      next();
    } else await refused(current.stepId, result);
  }, [current, detail, busy, canAct, outcomes, refused, next]);

  const runs = detail ? shownContent(detail) : "";
  const copy = useCallback(() => {
    if (!runs) return;
    navigator.clipboard.writeText(runs).then(
      () => toast("Copied to the clipboard"),
      () => toast("The browser did not allow copying: select the text and copy it by hand.", "error"),
    );
  }, [runs, toast]);
  const panelHref = current ? `/releases/${releaseId}/matrix?category=${detail?.step.category ?? "deploy"}&step=${current.stepId}` : "";

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A "g" sequence (components/shell/shortcuts.tsx) marks its second key handled first.
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTextField(e.target) || modalOpen() || !singleKeysOn()) return;
      const act: Record<string, () => void> = {
        d: () => void markDone(),
        s: () => void skip(),
        r: () => void runOnAgent(),
        j: next,
        k: previous,
        c: copy,
        o: () => panelHref && window.location.assign(panelHref),
      };
      const run = act[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [markDone, skip, runOnAgent, next, previous, copy, panelHref]);

  if (queue.length === 0) {
    return (
      <Alert tone="success" title="Nothing left to run">
        {waitingForStage
          ? `Every customer whose stage is open has ${templateName} done or skipped; ${waitingForStage} more wait for their stage to open.`
          : `Every customer’s copy of ${templateName} is done or skipped.`}
      </Alert>
    );
  }

  const finished = !current;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="campaign-progress" aria-live="polite">
          <strong className="text-zinc-900 tabular-nums dark:text-zinc-100">
            {handled} of {entries.length}
          </strong>{" "}
          handled · {skipped} skipped <span className="text-zinc-500 dark:text-zinc-400">({total} customers in the release have this step{waitingForStage ? `; ${waitingForStage} more wait for their stage to open` : ""})</span>
        </p>
        <label className="flex items-center gap-2 text-sm">
          Cluster
          <Select
            value={String(clusterId)}
            onChange={(e) => {
              setClusterId(e.target.value === "all" ? "all" : Number(e.target.value));
              setIndex(0);
            }}
            className="w-auto"
          >
            <option value="all">All clusters ({queue.length})</option>
            {clusters.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name} ({queue.filter((e) => e.cluster.id === k.id).length})
              </option>
            ))}
          </Select>
        </label>
      </div>

      {notice ? (
        <Alert tone={notice.tone}>
          <span data-testid="campaign-notice">{notice.text}</span>
        </Alert>
      ) : null}

      {finished ? (
        <Alert tone="success" title="End of the list">
          {handled} of {entries.length} handled, {skipped} skipped. <button type="button" className="font-medium underline" onClick={() => setIndex(0)}>Back to the first customer</button>
        </Alert>
      ) : (
        <section aria-labelledby="campaign-customer" className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900" data-testid="campaign-current">
          <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
            <div>
              <p className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                Customer {index + 1} of {entries.length}
              </p>
              <h2 id="campaign-customer" className="mt-0.5 text-xl font-semibold text-zinc-900 dark:text-zinc-50" aria-live="polite">
                {current.customer.name}
              </h2>
              <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
                Cluster <strong className="font-medium text-zinc-800 dark:text-zinc-200">{current.cluster.name}</strong> · Namespace{" "}
                <code className="font-mono text-[13px] text-zinc-800 dark:text-zinc-200">{current.customer.namespace}</code>
              </p>
            </div>
            <div className="text-sm">{outcomes[current.stepId] ? <OutcomeLabel outcome={outcomes[current.stepId]} /> : <StatusLabel status={detail ? (detail.step.runState ?? detail.step.status) : current.status} />}</div>
          </div>
          <div className="space-y-4 px-5 py-4">
            {detail ? (
              <StepContent
                rendered={detail.rendered}
                raw={detail.step.content}
                rawHtml={detail.html}
                type={detail.step.type}
                filename={stepFilename(detail.rendered.name, current.customer.namespace)}
                customerName={current.customer.name}
                namespace={current.customer.namespace}
                open={!outcomes[current.stepId]}
              />
            ) : (
              <p className="text-sm text-zinc-500 dark:text-zinc-400" role="status">
                Loading {current.customer.name}&apos;s step…
              </p>
            )}
            {detail?.review && !detail.review.reviewedByName ? (
              <Alert tone="info">This step needs a review before it can be marked done: record it in the full panel (o).</Alert>
            ) : null}
            {canAct && !outcomes[current.stepId] ? (
              <div className="grid gap-3 sm:grid-cols-2">
                <Field id="campaign-notes" label="Note for done (optional)" hint="Esc, then d marks done with it.">
                  <Textarea
                    ref={notes}
                    name="notes"
                    rows={2}
                    placeholder="Build number, anything worth keeping"
                    // Esc back to the walk's keys (d then marks done with this note).
                    onKeyDown={(e) => {
                      if (e.key === "Escape") e.currentTarget.blur();
                    }}
                  />
                </Field>
                <Field id="campaign-reason" label="Reason for skip" hint="Kept for the next customer.">
                  <Input
                    ref={reason}
                    name="reason"
                    onKeyDown={(e) => {
                      if (e.key === "Enter") {
                        e.preventDefault();
                        void skip();
                      } else if (e.key === "Escape") e.currentTarget.blur();
                    }}
                  />
                </Field>
              </div>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
            {canAct ? (
              <>
                {detail?.step.execution === "agent" ? (
                  <Button variant="primary" size="sm" disabled={busy || Boolean(outcomes[current.stepId]) || detail.step.runState === "queued" || detail.step.runState === "running"} onClick={() => void runOnAgent()}>
                    <Key k="r" /> {detail.step.runState === "failed" || detail.step.runState === "unknown" ? "Retry on agent" : "Run on agent"}
                  </Button>
                ) : null}
                <Button variant={detail?.step.execution === "agent" ? "secondary" : "primary"} size="sm" disabled={busy || !detail || Boolean(outcomes[current.stepId])} onClick={() => void markDone()}>
                  <Key k="d" /> {confirmMissing ? "Mark done anyway" : detail?.step.execution === "agent" ? "Mark done by hand" : "Mark done"}
                </Button>
                <Button variant="secondary" size="sm" disabled={busy || !detail || Boolean(outcomes[current.stepId])} onClick={() => void skip()}>
                  <Key k="s" /> Skip
                </Button>
              </>
            ) : null}
            <Button variant="secondary" size="sm" onClick={previous} disabled={index === 0}>
              <Key k="k" /> Previous
            </Button>
            <Button variant="secondary" size="sm" onClick={next}>
              <Key k="j" /> Next
            </Button>
            <Button variant="secondary" size="sm" onClick={copy} disabled={!detail}>
              <Key k="c" /> Copy
            </Button>
            <Link prefetch={false} href={panelHref} className="inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
              <Key k="o" /> Open the full panel
            </Link>
          </div>
        </section>
      )}

      <CustomerList entries={entries} index={index} outcomes={outcomes} onPick={(i) => setIndex(i)} />
    </div>
  );
}

function Key({ k }: { k: string }): ReactNode {
  return (
    <kbd aria-hidden className="rounded border border-current/30 px-1 font-mono text-[11px] leading-4 opacity-80">
      {k}
    </kbd>
  );
}

const outcomeWords: Record<Outcome, string> = { done: "Done here", skipped: "Skipped here", elsewhere: "Finished by someone else", queued: "Handed to an agent" };

function OutcomeLabel({ outcome }: { outcome: Outcome }) {
  return <span className="font-medium text-emerald-700 dark:text-emerald-300">{outcomeWords[outcome]}</span>;
}

/** Every customer of the walk, where it stands, and a way to jump to one. */
function CustomerList({ entries, index, outcomes, onPick }: { entries: CampaignEntry[]; index: number; outcomes: Record<number, Outcome>; onPick: (i: number) => void }) {
  return (
    <details className="rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="cursor-pointer px-5 py-3 text-sm font-medium text-zinc-800 dark:text-zinc-200">All {entries.length} customers of this walk</summary>
      <ol className="max-h-80 divide-y divide-zinc-200 overflow-auto border-t border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
        {entries.map((e, i) => (
          <li key={e.stepId}>
            <button
              type="button"
              onClick={() => onPick(i)}
              aria-current={i === index ? "step" : undefined}
              className="flex w-full items-center justify-between gap-3 px-5 py-1.5 text-left hover:bg-zinc-50 aria-[current=step]:bg-brand-50 dark:hover:bg-zinc-800 dark:aria-[current=step]:bg-brand-500/15"
            >
              <span>
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{e.customer.name}</span>{" "}
                <span className="text-zinc-500 dark:text-zinc-400">
                  {e.cluster.name}/{e.customer.namespace}
                </span>
                {e.missing.length ? <span className="ml-2 text-xs font-medium text-red-700 dark:text-red-300">{"{ }"} needs a value</span> : null}
              </span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{outcomes[e.stepId] ? outcomeWords[outcomes[e.stepId]] : e.status === "reverted" ? "Reverted" : "Pending"}</span>
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}
