import type { Counts } from "@/lib/domain/progress/model/progress";
import { CELL_CUSTOM, CELL_OVERRIDDEN, type Cell, type MatrixParams, type MatrixRow, type StatusFilter } from "@/lib/domain/matrix/types";
import type { StepType } from "@/db/schema/vocabulary";

/** Pure helpers behind the matrix query (no database): row order, filter matching. */

export type FlagCounts = Counts & { reverted: number; overridden: number; custom: number; running: number; failed: number; unknown: number };

export type RowGroup = Counts & {
  templateId: number | null;
  customName: string | null;
  customOrder: number | null;
  type: StepType;
  clusterId: number;
  /** The customers' stage (releases with stages), else null. */
  stageId: number | null;
  overridden: number;
};

/**
 * The category's rows: every live template step, deleted ones that still have copies, and custom
 * steps grouped by (position, name) — one row even when many customers added the same step.
 * Ordered by position; at a tie the template step comes first (custom steps sit between).
 */
export function buildRows(
  templates: Array<{ id: number; name: string; type: StepType; orderIndex: number; deleted: boolean }>,
  groups: RowGroup[],
  keyOf: (g: RowGroup) => string,
): MatrixRow[] {
  const withCopies = new Set(groups.filter((g) => g.templateId !== null).map((g) => g.templateId));
  const sorted: Array<MatrixRow & { order: number }> = [];
  for (const t of templates) {
    if (t.deleted && !withCopies.has(t.id)) continue;
    sorted.push({ key: `t${t.id}`, templateId: t.id, name: t.name, type: t.type, custom: false, templateDeleted: t.deleted, number: null, order: t.orderIndex });
  }
  const customKeys = new Set<string>();
  for (const g of groups) {
    if (g.templateId !== null) continue;
    const key = keyOf(g);
    if (customKeys.has(key)) continue;
    customKeys.add(key);
    sorted.push({ key, templateId: null, name: g.customName ?? "Custom step", type: g.type, custom: true, templateDeleted: false, number: null, order: Number(g.customOrder) });
  }
  // Ties: live template steps first, then deleted ones' kept copies, then custom steps.
  sorted.sort((a, b) => a.order - b.order || Number(a.custom) - Number(b.custom) || Number(a.templateDeleted) - Number(b.templateDeleted) || a.name.localeCompare(b.name));
  let n = 0;
  // Numbered like the template list: live template steps only (custom and deleted ones get none).
  return sorted.map(({ order: _order, ...row }) => ({ ...row, number: row.custom || row.templateDeleted ? null : ++n }));
}

/** Whether a customer's counts in the shown category pass the status and work-left filters. */
export function customerMatches(c: FlagCounts | undefined, p: Pick<MatrixParams, "status" | "workLeft">): boolean {
  if (!c) return !p.status && !p.workLeft;
  if (p.workLeft && c.total - c.done - c.skipped <= 0) return false;
  switch (p.status) {
    case undefined:
      return true;
    case "pending":
      return c.total - c.done - c.skipped - c.reverted > 0;
    case "done":
      return c.done > 0;
    case "skipped":
      return c.skipped > 0;
    case "reverted":
      return c.reverted > 0;
    case "running":
      return c.running > 0;
    case "failed":
      return c.failed > 0;
    case "unknown":
      return c.unknown > 0;
    case "overridden":
      return c.overridden > 0;
    case "custom":
      return c.custom > 0;
  }
}

export function cellMatches(cell: Cell, status: StatusFilter): boolean {
  if (status === "overridden") return (cell[2] & CELL_OVERRIDDEN) !== 0;
  if (status === "custom") return (cell[2] & CELL_CUSTOM) !== 0;
  // "In an agent's hands": queued or running.
  if (status === "running") return cell[1] === "running" || cell[1] === "queued";
  // "Pending" is work left that nobody runs now: a failed or unknown step shows as what it is.
  return cell[1] === status;
}
