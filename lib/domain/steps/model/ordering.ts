/**
 * Decimal ordering of a customer's steps within one category (BR-S04, BR-S05, FCS-008).
 *
 * Template copies carry the template's integer order (0, 1, 2…); custom steps slot in between with
 * decimals. A custom step is always placed strictly inside the integer window of its neighbours,
 * never on an integer, so a template step added later (at the next integer) cannot collide with
 * it. When a gap gets too small to halve safely, `planRenumber` spreads the custom steps of each
 * window evenly again, leaving every template copy where it is.
 */

/** Below this a midpoint is no longer trusted to sort strictly between its neighbours. */
export const MIN_GAP = 1e-6;

export type OrderedStep = { id: number; orderIndex: number; isCustom: boolean };
export type Placement = { where: "end" } | { where: "before" | "after"; anchorId: number };

/** The neighbours a new step goes between: `prev` sorts before it, `next` after (either may be absent). */
export function neighbours(sorted: OrderedStep[], placement: Placement): { prev?: number; next?: number } {
  if (placement.where === "end") return { prev: sorted.at(-1)?.orderIndex };
  const i = sorted.findIndex((s) => s.id === placement.anchorId);
  if (i < 0) throw new RangeError("anchor not in list");
  return placement.where === "before"
    ? { prev: sorted[i - 1]?.orderIndex, next: sorted[i].orderIndex }
    : { prev: sorted[i].orderIndex, next: sorted[i + 1]?.orderIndex };
}

/**
 * An order index strictly between `prev` and `next`, or `undefined` when the gap is too small
 * (the caller renumbers and asks again). At either end it stays inside the integer window of the
 * neighbour, so it never lands on an integer a template step may take.
 */
export function orderBetween(prev?: number, next?: number): number | undefined {
  if (prev === undefined && next === undefined) return 0.5;
  const lo = prev ?? Math.ceil(next!) - 1;
  const hi = next ?? Math.floor(prev!) + 1;
  if (!(hi - lo > 2 * MIN_GAP)) return undefined;
  const mid = (lo + hi) / 2;
  return mid > lo && mid < hi ? mid : undefined;
}

/** True when some neighbouring pair in the sorted list is closer than MIN_GAP. */
export function isCrowded(sorted: OrderedStep[]): boolean {
  return sorted.some((s, i) => i > 0 && s.orderIndex - sorted[i - 1].orderIndex < MIN_GAP);
}

/**
 * New order indexes for the custom steps of a sorted list: each run of custom steps between two
 * template copies (or before the first / after the last) is spread evenly across that window.
 * Template copies keep their index. Returns only the rows whose index changes.
 */
export function planRenumber(sorted: OrderedStep[]): Array<{ id: number; orderIndex: number }> {
  const out: Array<{ id: number; orderIndex: number }> = [];
  let i = 0;
  while (i < sorted.length) {
    if (!sorted[i].isCustom) {
      i++;
      continue;
    }
    let j = i;
    while (j < sorted.length && sorted[j].isCustom) j++;
    const prevT = i > 0 ? sorted[i - 1].orderIndex : undefined;
    const nextT = j < sorted.length ? sorted[j].orderIndex : undefined;
    const lo = prevT ?? (nextT !== undefined ? Math.ceil(nextT) - 1 : 0);
    const hi = nextT ?? Math.floor(lo) + 1;
    const n = j - i;
    for (let k = 0; k < n; k++) {
      const orderIndex = lo + ((hi - lo) * (k + 1)) / (n + 1);
      if (orderIndex !== sorted[i + k].orderIndex) out.push({ id: sorted[i + k].id, orderIndex });
    }
    i = j;
  }
  return out;
}

/** Sort key used everywhere steps are listed: order index, then id for stable ties. */
export function compareSteps(a: OrderedStep, b: OrderedStep): number {
  return a.orderIndex - b.orderIndex || a.id - b.id;
}
