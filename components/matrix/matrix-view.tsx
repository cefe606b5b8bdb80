"use client";

import "./matrix.css";
import { useRouter } from "next/navigation";
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { StepPanel, type StepPanelHandle } from "@/components/panel/step-panel";
import { matrixHref, toggleOpen } from "@/lib/domain/matrix/model/params";
import type { Matrix } from "@/lib/domain/matrix/types";
import { ClusterSection } from "./cluster-section";
import { StageHeading } from "./stage-heading";
import { BulkBar, type Selection } from "./bulk-bar";
import { cellMatches } from "@/lib/domain/matrix/model/rows";
import { leftSummary, type BulkChangeResult } from "@/lib/domain/steps/model/bulk";
import { plural } from "@/lib/plural";
import { ClusterOverview } from "./overview";
import { ReleaseProgress } from "./release-progress";
import { applyCellUpdate, emptyAverage, initialState, progressFromCounts, type CellUpdate } from "@/components/matrix/matrix-state";
import { useLive, useRefreshSoon } from "@/components/live/live-provider";
import { useViewer } from "@/components/shell/viewer";
import { liveCellUpdates, markUpdated } from "./live-cells";

/**
 * The release matrix in the browser: one client component for the whole grid. Cells are plain
 * buttons; clicks and arrow keys are handled here by delegation. A step action in the side panel
 * returns the changed step and this updates that cell and the progress numbers locally; the
 * server never re-renders the matrix for it.
 */
export function MatrixView({ matrix, canAct, toolbar, initialStep }: { matrix: Matrix; canAct: boolean; toolbar: ReactNode; initialStep?: number }) {
  const [state, dispatch] = useReducer(
    (s: ReturnType<typeof initialState>, u: CellUpdate | { reset: Matrix }) => ("reset" in u ? initialState(u.reset) : applyCellUpdate(s, u)),
    matrix,
    initialState,
  );
  // A filter, tab or collapse change brings a new matrix from the server: start from it. Done
  // here rather than by remounting, so the control the user just used keeps its focus.
  const [shown, setShown] = useState(matrix);
  if (shown !== matrix) {
    setShown(matrix);
    dispatch({ reset: matrix });
  }
  const panel = useRef<StepPanelHandle>(null);
  const router = useRouter();
  const changedKey = `runsheet:matrix-changed:${matrix.release.id}`;

  // Steps changed here are drawn locally and the server never re-rendered this page, so the
  // router's cached copy is older than what the user saw. Coming back to it (Back, or a link),
  // fetch it fresh once. A full page load is fresh already: the flag goes with the document.
  useEffect(() => {
    if (sessionStorage.getItem(changedKey)) {
      sessionStorage.removeItem(changedKey);
      router.refresh();
    }
    const clear = () => sessionStorage.removeItem(changedKey);
    window.addEventListener("pagehide", clear);
    return () => window.removeEventListener("pagehide", clear);
  }, [changedKey, router]);
  const onStepChanged = useCallback(() => sessionStorage.setItem(changedKey, "1"), [changedKey]);

  // Live: others' changes redraw their cells in place (with "updated by …"), the open panel
  // reloads its step if it changed; what is not on screen is re-read with the page.
  const refreshSoon = useRefreshSoon(400);
  const viewer = useViewer();
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });
  const [announcement, setAnnouncement] = useState("");
  useLive((e) => {
    if (e.kind === "resync") return refreshSoon();
    if (e.kind === "run" || e.kind === "connected" || e.releaseId !== matrix.release.id) return;
    if (e.kind === "release" || !e.steps) return refreshSoon();
    const { updates, offScreen } = liveCellUpdates(latest.current, e.steps);
    for (const u of updates) dispatch(u);
    if (offScreen) refreshSoon();
    for (const [id, , , version] of e.steps) panel.current?.changed(id, version);
    if (updates.length && e.actorId !== viewer?.id) {
      markUpdated(updates.map((u) => u.id), e.actorName);
      setAnnouncement(`${e.actorName ?? "Someone"} changed ${plural(updates.length, "step")}.`);
      sessionStorage.setItem(changedKey, "1");
    }
  });
  const progress = useMemo(() => progressFromCounts(state.counts), [state.counts]);
  const onCellUpdate = useCallback((u: CellUpdate) => dispatch(u), []);
  const { release, params, rows } = matrix;
  const category = params.category;

  // By cluster: a cluster whose customers span stages expands and collapses as one.
  const openIds = [...new Set(state.clusters.filter((k) => k.open).map((k) => k.id))];
  const allIds = [...new Set(state.clusters.map((k) => k.id))];
  const filtered = Boolean(params.status || params.workLeft);

  // Roving tab stop (the grid pattern): one cell per cluster table is in the Tab order, the arrow
  // keys move between cells. Without it a 50-customer cluster is 1,500 Tab presses long.
  const grids = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => giveTabStops(grids.current));
  const onFocus = useCallback((e: FocusEvent<HTMLDivElement>) => {
    const cell = e.target as HTMLElement;
    if (!cell.matches("button[data-step]") || cell.tabIndex === 0) return;
    for (const other of cell.closest("table")?.querySelectorAll<HTMLElement>('button[data-step][tabindex="0"]') ?? []) other.tabIndex = -1;
    cell.tabIndex = 0;
  }, []);

  // Bulk across customers: in select mode a cell click toggles it, Shift-click takes the
  // rectangle from the last clicked cell (same cluster block); the panel stays closed.
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set());
  const [bulkNotice, setBulkNotice] = useState<{ tone: "success" | "warning"; text: string } | null>(null);
  const anchor = useRef<number | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const onClick = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      const cell = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-step]");
      if (!cell) return;
      const id = Number(cell.dataset.step);
      if (!selecting) return panel.current?.open(id, cell);
      const s = stateRef.current;
      const from = anchor.current === null ? undefined : s.where.get(anchor.current);
      const to = s.where.get(id);
      setSelected((current) => {
        const next = new Set(current);
        if (e.shiftKey && from && to && from.k === to.k) {
          const block = s.clusters[to.k];
          for (let i = Math.min(from.i, to.i); i <= Math.max(from.i, to.i); i++)
            for (let j = Math.min(from.j, to.j); j <= Math.max(from.j, to.j); j++) {
              const c = block.cells[i][j];
              if (c) next.add(c[0]);
            }
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = id;
    },
    [selecting],
  );
  // Selection is drawn on the buttons directly (aria-pressed), so selecting never re-renders the
  // rows; redrawn when the selection or the shown cells change, and not at all outside select mode.
  const drawn = useRef(false);
  useLayoutEffect(() => {
    if (!selecting && !drawn.current) return;
    if (selecting) drawSelection(grids.current, selected, "button[data-step]");
    else for (const button of grids.current?.querySelectorAll<HTMLButtonElement>("button[data-step]") ?? []) button.removeAttribute("aria-pressed");
    drawn.current = selecting;
  }, [selecting, selected, state.clusters]);
  // Rows a large grid draws in later frames (draw-rows.ts) get the tab stop and the selection
  // state the effects above gave the rows drawn with it.
  const selectionNow = useRef({ selecting, selected });
  selectionNow.current = { selecting, selected };
  const onRowsDrawn = useCallback(() => {
    giveTabStops(grids.current);
    if (selectionNow.current.selecting) drawSelection(grids.current, selectionNow.current.selected, "button[data-step]:not([aria-pressed])");
  }, []);
  const selectBlock = useCallback((key: string) => {
    const block = stateRef.current.clusters.find((k) => k.key === key);
    if (!block) return;
    setSelected((current) => new Set([...current, ...block.cells.flatMap((row) => row.flatMap((c) => (c && (!params.status || cellMatches(c, params.status)) ? [c[0]] : [])))]));
  }, [params.status]);
  const selectShown = useCallback(() => {
    setSelected(new Set(stateRef.current.clusters.flatMap((k) => k.cells.flatMap((row) => row.flatMap((c) => (c && (!params.status || cellMatches(c, params.status)) ? [c[0]] : []))))));
  }, [params.status]);
  const selection = useMemo<Selection>(() => {
    const steps: Selection["steps"] = [];
    const customers = new Set<number>();
    const clusters = new Set<string>();
    const applies = { done: 0, skip: 0, revert: 0 };
    for (const id of selected) {
      const at = state.where.get(id);
      if (!at) continue;
      const block = state.clusters[at.k];
      const cell = block.cells[at.i][at.j];
      if (!cell) continue;
      steps.push({ stepId: id, version: cell[3] });
      customers.add(block.customers[at.j].id);
      clusters.add(block.name);
      // A waiting stage's steps would be left: they are not counted as changing.
      if (block.stage?.locked) continue;
      if (cell[1] === "pending" || cell[1] === "reverted") {
        applies.done++;
        applies.skip++;
      }
      if (cell[1] === "done") applies.revert++;
    }
    return { steps, customers: customers.size, clusters: [...clusters], applies };
  }, [selected, state]);
  const onBulkDone = useCallback(
    (result: BulkChangeResult, change: "done" | "skip" | "revert") => {
      const s = stateRef.current;
      for (const c of result.changed) {
        const at = s.where.get(c.id);
        const before = at ? s.clusters[at.k].cells[at.i][at.j] : null;
        dispatch({ id: c.id, status: c.status, flags: before?.[2] ?? 0, version: c.version });
      }
      onStepChanged();
      setSelected(new Set(result.left.map((l) => l.id)));
      const verb = { done: "Marked", skip: "Skipped", revert: "Reverted" }[change];
      const changedText = `${verb} ${plural(result.changed.length, "step")}${change === "done" ? " done" : ""}.`;
      setBulkNotice(
        result.left.length
          ? { tone: "warning", text: `${changedText} ${plural(result.left.length, "step")} left as they were (still selected): ${leftSummary(result.leftBy)}.` }
          : { tone: "success", text: changedText },
      );
    },
    [onStepChanged],
  );

  return (
    <>
      <ReleaseProgress overall={progress.overall} customers={matrix.totalCustomers} />
      {toolbar}
      <div ref={grids} className="space-y-4" onClick={onClick} onKeyDown={moveFocus} onFocus={onFocus}>
        {state.overview ? (
          <ClusterOverview
            releaseId={release.id}
            rows={rows}
            clusters={state.clusters}
            overview={state.overview}
            expandHref={(id) => `${matrixHref(release.id, { ...params, open: openIds.includes(id) ? params.open : toggleOpen(openIds, id, allIds) })}#cluster-${id}`}
          />
        ) : null}
        {canAct ? (
          <div className="flex flex-wrap items-center gap-3">
            <label className="inline-flex items-center gap-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">
              <input
                type="checkbox"
                checked={selecting}
                onChange={(e) => {
                  setSelecting(e.target.checked);
                  setSelected(new Set());
                  setBulkNotice(null);
                  anchor.current = null;
                }}
                className="size-4 accent-brand-600"
              />
              Select cells for a bulk change
            </label>
            {bulkNotice ? (
              <p role="status" data-testid="bulk-result" className={`text-sm ${bulkNotice.tone === "success" ? "text-emerald-800 dark:text-emerald-300" : "text-amber-800 dark:text-amber-300"}`}>
                {bulkNotice.text}
              </p>
            ) : null}
          </div>
        ) : null}
        {state.clusters.map((cluster, k) => (
          <Fragment key={cluster.key}>
            {cluster.stage && cluster.stage.id !== state.clusters[k - 1]?.stage?.id ? <StageHeading stage={cluster.stage} /> : null}
            <ClusterSection
              releaseId={release.id}
              category={category}
              cluster={cluster}
              rows={rows}
              progress={progress.clusters.get(cluster.progressKey)?.[category] ?? emptyAverage()}
              counts={state.counts}
              toggleHref={matrixHref(release.id, { ...params, open: toggleOpen(openIds, cluster.id, allIds) })}
              filtered={filtered}
              onSelectBlock={selecting ? selectBlock : undefined}
              onRowsDrawn={onRowsDrawn}
            />
          </Fragment>
        ))}
      </div>
      {selecting ? (
        <BulkBar
          releaseId={release.id}
          selection={selection}
          onSelectShown={selectShown}
          onClear={() => {
            setSelected(new Set());
            anchor.current = null;
          }}
          onDone={onBulkDone}
        />
      ) : null}
      <StepPanel ref={panel} canAct={canAct} initialStep={initialStep} onCellUpdate={onCellUpdate} onStepChanged={onStepChanged} />
      <p role="status" aria-live="polite" className="sr-only" data-testid="live-announcement">
        {announcement}
      </p>
    </>
  );
}

/** One cell per cluster table in the Tab order (the roving tab stop): the first, unless one has it. */
function giveTabStops(root: HTMLElement | null) {
  for (const table of root?.querySelectorAll("table") ?? []) {
    if (!table.querySelector('button[data-step][tabindex="0"]')) {
      const first = table.querySelector<HTMLButtonElement>("button[data-step]");
      if (first) first.tabIndex = 0;
    }
  }
}

/** Select mode: each cell matching `cells` says whether it is selected (aria-pressed). */
function drawSelection(root: HTMLElement | null, selected: ReadonlySet<number>, cells: string) {
  for (const button of root?.querySelectorAll<HTMLButtonElement>(cells) ?? []) {
    button.setAttribute("aria-pressed", selected.has(Number(button.dataset.step)) ? "true" : "false");
  }
}

/** Arrow keys move between cells of a cluster's grid; Home and End go to the row's first and last. */
function moveFocus(e: KeyboardEvent<HTMLDivElement>) {
  const from = (e.target as HTMLElement).closest("td");
  if (!from || !(e.target as HTMLElement).matches("button[data-step]")) return;
  if (e.key === "Home" || e.key === "End") {
    const cells = [...(from.parentElement as HTMLTableRowElement).querySelectorAll<HTMLButtonElement>("button[data-step]")];
    const target = e.key === "Home" ? cells[0] : cells.at(-1);
    if (target) {
      e.preventDefault();
      target.focus();
    }
    return;
  }
  const moves: Record<string, [number, number]> = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
  const move = moves[e.key];
  if (!move) return;
  const tr = from.parentElement as HTMLTableRowElement;
  const body = tr.parentElement as HTMLTableSectionElement;
  let r = tr.sectionRowIndex;
  let c = from.cellIndex;
  for (;;) {
    r += move[0];
    c += move[1];
    const row = body.rows[r];
    const td = row?.cells[c];
    if (!row || !td || c < 1) return;
    const target = td.querySelector<HTMLButtonElement>("button[data-step]");
    if (target) {
      e.preventDefault();
      target.focus();
      return;
    }
  }
}
