import type { LiveStep } from "@/lib/domain/live/types";
import type { CellUpdate, MatrixState } from "./matrix-state";

/**
 * A live announcement against the cells on screen: the updates to apply (steps shown here at an
 * older version, keeping their markers) and whether some changed step is not on screen (another
 * tab, a collapsed cluster), which only a re-read of the page can show.
 */
export function liveCellUpdates(state: MatrixState, steps: LiveStep[]): { updates: CellUpdate[]; offScreen: boolean } {
  const updates: CellUpdate[] = [];
  let offScreen = false;
  for (const [id, , status, version] of steps) {
    const at = state.where.get(id);
    const cell = at ? state.clusters[at.k].cells[at.i][at.j] : null;
    if (!cell) {
      offScreen = true;
      continue;
    }
    if (cell[3] < version) updates.push({ id, status, flags: cell[2], version });
  }
  return { updates, offScreen };
}

/**
 * "Updated by Sam just now": a ring on each cell someone else changed (fading out, see
 * matrix.css) with the words on hover. Set on the DOM directly, so 30,000 cells do not re-render.
 */
export function markUpdated(ids: number[], by: string | null): void {
  const words = `Updated by ${by ?? "someone"} just now`;
  requestAnimationFrame(() => {
    for (const id of ids) {
      const cell = document.querySelector<HTMLElement>(`button[data-step="${id}"]`);
      if (!cell) continue;
      cell.dataset.liveBy = by ?? "someone";
      cell.title = words;
      setTimeout(() => {
        if (cell.dataset.liveBy) delete cell.dataset.liveBy;
        if (cell.title === words) cell.removeAttribute("title");
      }, 8000);
    }
  });
}
