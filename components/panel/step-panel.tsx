"use client";

import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { ECHO_GRACE_MS } from "@/components/live/live-provider";
import { Alert } from "@/components/ui/alert";
import { CELL_CUSTOM, CELL_DRIFT, CELL_NEEDS_VALUE, CELL_OVERRIDDEN } from "@/lib/domain/matrix/types";
import { loadStepDetailAction, type StepChange } from "@/lib/domain/steps/actions";
import { applyDetailPatch } from "@/lib/domain/steps/model/patch";
import type { StepDetail } from "@/lib/domain/steps/types";
import { PanelBody } from "./panel-body";
import { Sheet } from "./sheet";

export type StepPanelHandle = {
  open: (stepId: number, from?: HTMLElement | null) => void;
  /** A live announcement: step `stepId` is now at `version`; the panel reloads it if it shows an older one. */
  changed: (stepId: number, version: number) => void;
};

/** What the grid needs to redraw one cell after the panel learned the step's current state. */
export type PanelCellUpdate = { id: number; status: StepDetail["step"]["status"]; flags: number; version: number; removed: boolean };

const toUpdate = (d: StepDetail): PanelCellUpdate => ({
  id: d.step.id,
  status: d.step.status,
  flags:
    (d.step.isOverridden ? CELL_OVERRIDDEN : 0) |
    (d.step.isCustom ? CELL_CUSTOM : 0) |
    (d.rendered.missing.length ? CELL_NEEDS_VALUE : 0) |
    (d.drift ? CELL_DRIFT : 0),
  version: d.step.version,
  removed: d.removed,
});

/**
 * The side panel (FV-007, sketch 5.7). Opened by the grid through a handle, so opening it does
 * not re-render the grid. It loads the step through `loadStepDetailAction`, acts through the step
 * actions with `from: "matrix"` (no revalidation, so no re-render of the matrix; the answer patches
 * the step it shows) and hands its new state to `onCellUpdate`. A conflict reloads the step.
 * The open step is mirrored in the URL (`?step=`) with history.replaceState, which Next keeps in
 * sync without a server round trip, so a link to an open panel can be shared.
 */
export function StepPanel({
  ref,
  canAct,
  initialStep,
  onCellUpdate,
  onStepChanged,
}: {
  ref: Ref<StepPanelHandle>;
  canAct: boolean;
  initialStep?: number;
  onCellUpdate: (u: PanelCellUpdate) => void;
  /** Told after every change made here (the page's server render is now out of date). */
  onStepChanged?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<StepDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stepId = useRef<number | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const returnCell = useRef<HTMLElement | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const request = useRef(0);
  const refocus = useRef(false);

  const load = useCallback(
    async (id: number) => {
      const n = ++request.current;
      let result: Awaited<ReturnType<typeof loadStepDetailAction>>;
      try {
        result = await loadStepDetailAction({ stepId: id });
      } catch {
        // Offline, or the server could not answer: say so instead of loading forever.
        if (n === request.current) setError("Couldn't load this step: the server did not answer. Check your connection and open it again.");
        return;
      }
      if (n !== request.current) return; // a newer request (another cell) won
      if (result.ok) {
        setDetail(result.data);
        setError(null);
        onCellUpdate(toUpdate(result.data));
      } else setError(result.message);
    },
    [onCellUpdate],
  );

  const show = useCallback(
    (id: number, from?: HTMLElement | null) => {
      returnTo.current = from ?? null;
      returnCell.current = from?.closest("td") ?? null;
      stepId.current = id;
      setDetail(null);
      setError(null);
      setOpen(true);
      syncUrl(id);
      void load(id);
    },
    [load],
  );

  const shownVersion = useRef<number | null>(null);
  shownVersion.current = detail?.step.version ?? null;
  const changed = useCallback(
    (id: number, version: number) => {
      // Reloading keeps what is being typed: the actions' own state is keyed on the step, not its version.
      if (id !== stepId.current) return;
      // After the grace: a change made in this panel has drawn its own answer by then.
      setTimeout(() => {
        if (id === stepId.current && shownVersion.current !== null && shownVersion.current < version) void load(id);
      }, ECHO_GRACE_MS);
    },
    [load],
  );
  useImperativeHandle(ref, () => ({ open: show, changed }), [show, changed]);

  // A shared link with ?step= opens the panel once, on arrival (not again when the URL is synced).
  const openedFromLink = useRef(false);
  useEffect(() => {
    if (openedFromLink.current || !initialStep) return;
    openedFromLink.current = true;
    show(initialStep, null);
  }, [initialStep, show]);

  // After an action the button that was used is often gone (Mark done → Revert): keep keyboard
  // users in the panel by moving focus to the new status, which is also announced.
  useEffect(() => {
    if (!refocus.current || !detail) return;
    refocus.current = false;
    const panel = statusRef.current?.closest("[role=dialog]");
    if (!panel?.contains(document.activeElement)) statusRef.current?.focus();
  }, [detail]);

  const local = useMemo(
    () => ({
      from: "matrix" as const,
      onChange: (data: unknown) => {
        const change = data as StepChange | undefined;
        onStepChanged?.();
        refocus.current = true;
        // The action's answer patches the step the panel shows: one round trip, no reload.
        if (change?.patch && detail && change.id === detail.step.id && change.id === stepId.current) {
          const next = applyDetailPatch(detail, change.patch);
          // Overtaken by other changes meanwhile, or what ran is not what is shown: read it again.
          if (!next) return void load(change.id);
          request.current++; // an older load still in flight must not overwrite this
          setDetail(next);
          setError(null);
          onCellUpdate(toUpdate(next));
          return;
        }
        if (detail && change?.id === detail.step.id && change.status && change.version) {
          const flags = (change.isOverridden ? CELL_OVERRIDDEN : 0) | (change.isCustom ? CELL_CUSTOM : 0);
          onCellUpdate({ ...toUpdate(detail), status: change.status, version: change.version, flags });
        }
        if (stepId.current) void load(stepId.current);
      },
      onConflict: () => {
        onStepChanged?.();
        refocus.current = true;
        if (stepId.current) void load(stepId.current);
      },
    }),
    [detail, load, onCellUpdate, onStepChanged],
  );

  const close = () => {
    request.current++;
    setOpen(false);
    syncUrl(null);
  };

  const releaseLabel = detail ? `Release: ${detail.release.versionNumber && detail.release.versionNumber !== detail.release.name ? `${detail.release.name} (${detail.release.versionNumber})` : detail.release.name}` : "Release";
  return (
    <Sheet
      open={open}
      onClose={close}
      eyebrow={releaseLabel}
      title={detail ? <>Step: {detail.rendered.name}</> : error ? "Step" : "Loading step…"}
      onCloseFocus={() => {
        const id = stepId.current;
        const target = returnTo.current?.isConnected ? returnTo.current : id ? document.querySelector<HTMLElement>(`button[data-step="${id}"]`) : null;
        if (target) return target.focus();
        // The cell's button can be gone (a removed custom step shows "—"): focus its table cell,
        // so keyboard users stay where they were instead of at the top of the page.
        const cell = returnCell.current;
        if (cell?.isConnected) {
          cell.tabIndex = -1;
          cell.focus();
        }
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : detail ? <PanelBody detail={detail} canAct={canAct} local={local} statusRef={statusRef} /> : <Skeleton />}
    </Sheet>
  );
}

function syncUrl(stepId: number | null) {
  const url = new URL(window.location.href);
  if (stepId) url.searchParams.set("step", String(stepId));
  else url.searchParams.delete("step");
  window.history.replaceState(null, "", url);
}

function Skeleton() {
  return (
    <div className="animate-pulse space-y-4" aria-hidden>
      <div className="h-4 w-2/3 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-1/2 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-16 rounded-lg bg-zinc-100 dark:bg-zinc-800/60" />
      <div className="h-40 rounded-lg bg-zinc-100 dark:bg-zinc-800/60" />
    </div>
  );
}
