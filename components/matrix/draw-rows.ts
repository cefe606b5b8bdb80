"use client";

import { useEffect, useState } from "react";

/**
 * About this many cells are drawn per frame. A 2,000-customer release's overview is ~2,400 counts
 * and a 50-customer cluster ~2,500 cells: inserted, styled and laid out at once, each was one long
 * main-thread task (the page froze for 150–250 ms on open or expand).
 */
export const CELLS_PER_FRAME = 500;

/** Grids waiting to draw more rows, served in order, a frame's budget at a time. */
const waiting: Array<() => number> = [];
let scheduled = false;

function drawNextFrame() {
  scheduled = false;
  let budget = CELLS_PER_FRAME;
  while (waiting.length && budget > 0) budget -= waiting.shift()!();
  if (waiting.length) schedule();
}
function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(drawNextFrame);
}

/**
 * How many of a table's rows to draw: the first screenful at once (on the server too, so the
 * page's HTML holds them and hydration matches), then the rest a few rows per frame, every grid on
 * the page sharing one budget. All of the data is in the page from the start; only drawing waits.
 */
export function useRowsDrawn(total: number, cellsPerRow: number): number {
  const step = Math.max(4, Math.floor(CELLS_PER_FRAME / Math.max(1, cellsPerRow)));
  const [drawn, setDrawn] = useState(() => Math.min(total, step));
  useEffect(() => {
    if (drawn >= total) return;
    let cancelled = false;
    waiting.push(() => {
      if (cancelled) return 0;
      setDrawn((n) => Math.min(total, n + step));
      return step * cellsPerRow;
    });
    schedule();
    return () => {
      cancelled = true;
    };
  }, [drawn, total, step, cellsPerRow]);
  return Math.min(drawn, total);
}
