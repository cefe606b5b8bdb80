/**
 * Pure ordering helpers for template steps (BR-S04, BR-S05). Template steps carry integer
 * order indexes 0, 1, 2… within (release, category). Customer steps carry the template's integer
 * (copies) or a decimal between two integers (custom steps, added per customer). When template
 * order changes, customer steps follow through a mapping from each old integer to its new value:
 * a step at `old + f` (0 ≤ f < 1) moves to `new + f * span`, so a custom step stays right after
 * the template step it followed.
 */

export type OrderMapping = { old: number; new: number; span: number };

/** Moves one element of a list to another position (for drag and drop and "Move up/down"). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** True when `ids` is exactly the set of `current` (same length, no duplicates, nothing new). */
export function isPermutation(current: readonly number[], ids: readonly number[]): boolean {
  if (current.length !== ids.length) return false;
  const want = new Set(current);
  const seen = new Set<number>();
  for (const id of ids) {
    if (!want.has(id) || seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

/**
 * For a reorder: `current` is the live steps as they are now (id and order index); `ids` the new
 * order. Returns the new integer per id (0, 1, 2…) and the mapping for customer steps. Also
 * compacts gaps, so a list with holes comes out as 0..n-1.
 */
export function reorderPlan(
  current: ReadonlyArray<{ id: number; orderIndex: number }>,
  ids: readonly number[],
): { assignments: Array<{ id: number; orderIndex: number }>; mapping: OrderMapping[] } {
  const oldIndex = new Map(current.map((s) => [s.id, s.orderIndex]));
  const assignments = ids.map((id, orderIndex) => ({ id, orderIndex }));
  const mapping = assignments
    .map((a) => ({ old: oldIndex.get(a.id)!, new: a.orderIndex, span: 1 }))
    .filter((m) => m.old !== m.new);
  return { assignments, mapping };
}

/**
 * Where a new template step goes: after `afterId` (null = first; undefined = last). Returns its
 * order index and the mapping that opens the gap (every later step moves up by one).
 */
export function insertPlan(
  current: ReadonlyArray<{ id: number; orderIndex: number }>,
  afterId: number | null | undefined,
):
  | { orderIndex: number; assignments: Array<{ id: number; orderIndex: number }>; mapping: OrderMapping[] }
  | { error: "unknown_after" } {
  const sorted = [...current].sort((a, b) => a.orderIndex - b.orderIndex);
  let position: number;
  if (afterId === undefined) position = sorted.length;
  else if (afterId === null) position = 0;
  else {
    const at = sorted.findIndex((s) => s.id === afterId);
    if (at < 0) return { error: "unknown_after" };
    position = at + 1;
  }
  // Renumber densely first (a list with holes is compacted as a side effect).
  const assignments = sorted.map((s, i) => ({ id: s.id, orderIndex: i < position ? i : i + 1 }));
  const mapping: OrderMapping[] = sorted
    .map((s, i) => ({ old: s.orderIndex, new: assignments[i].orderIndex, span: 1 }))
    .filter((m) => m.old !== m.new);
  return { orderIndex: position, assignments, mapping };
}

/**
 * After removing the step with `removedId`: the remaining steps close the gap. Customer steps
 * that stay behind at the removed integer (done/skipped copies kept as history, and custom steps
 * that followed it) must keep their place without colliding with anything: the interval after
 * the previous step is squeezed into its first half, and the removed step's interval into the
 * second half, so every value keeps its relative order.
 */
export function removePlan(
  current: ReadonlyArray<{ id: number; orderIndex: number }>,
  removedId: number,
): { assignments: Array<{ id: number; orderIndex: number }>; mapping: OrderMapping[] } {
  const sorted = [...current].sort((a, b) => a.orderIndex - b.orderIndex);
  const removedAt = sorted.findIndex((s) => s.id === removedId);
  const remaining = sorted.filter((s) => s.id !== removedId);
  const assignments = remaining.map((s, i) => ({ id: s.id, orderIndex: i }));
  const mapping: OrderMapping[] = remaining
    .map((s, i) => ({ old: s.orderIndex, new: i, span: removedAt > 0 && i === removedAt - 1 ? 0.5 : 1 }))
    .filter((m) => m.old !== m.new || m.span !== 1);
  if (removedAt >= 0) {
    mapping.push({ old: sorted[removedAt].orderIndex, new: removedAt - 0.5, span: 0.5 });
  }
  return { assignments, mapping };
}

/** Applies a mapping to one customer-step order index (the SQL does the same, set-based). */
export function applyMapping(orderIndex: number, mapping: readonly OrderMapping[]): number {
  const base = Math.floor(orderIndex);
  const m = mapping.find((x) => x.old === base);
  return m ? m.new + (orderIndex - base) * m.span : orderIndex;
}
