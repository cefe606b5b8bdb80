import type { StepHistoryEntry } from "@/lib/domain/steps/types";
import { render, TemplateSyntaxError } from "@/lib/domain/content/model/variables";
import type { StepEventKind, StepOrigin } from "@/db/schema/vocabulary";

/** The first history entry is derived from how the step came to exist (no event row is written). */
export const creationLabels: Record<StepOrigin, string> = {
  activation: "Created from template",
  customer_joined: "Customer joined the release",
  scope_added: "Customer added to the release",
  template_added: "Added to template after activation",
  custom: "Added as custom step",
};

export const eventLabels: Record<StepEventKind, string> = {
  content_overridden: "Content overridden",
  reset_to_template: "Reset to template",
  edited_via_template: "Updated from template edit",
  marked_done: "Marked as done",
  skipped: "Skipped",
  unskipped: "Un-skipped",
  reverted: "Reverted",
  custom_edited: "Custom step edited",
  custom_removed: "Custom step removed",
  template_removed: "Template step deleted",
  notes_updated: "Notes updated",
  override_kept: "Override kept (template changed)",
  reviewed: "Reviewed",
  run_failed: "Run failed",
  run_unknown: "Run outcome unknown",
};

/**
 * "Merged into main of fleet-manifests at 3a5fa077faab (clusters/…/app-config.yaml), approved by
 * Alex; published by Riley" — the evidence a reviewed merge leaves in a history entry.
 */
export function manifestNote(detail: Record<string, unknown>): string | null {
  const m = detail.manifest as { commitSha?: string; path?: string; repository?: string; branch?: string; approvedBy?: string | null; publishedBy?: string | null } | undefined;
  if (!m || typeof m !== "object") return null;
  return `Merged into ${m.branch ?? "the target branch"} of ${m.repository ?? "the manifest repository"} at ${(m.commitSha ?? "").slice(0, 12)} (${m.path ?? ""})${m.approvedBy ? `, approved by ${m.approvedBy}` : ""}${m.publishedBy ? `; published by ${m.publishedBy}` : ""}`;
}

/** "Run by agent stg-1 (run #4): exit 0 in 1.2 s" — the evidence a run leaves in a history entry. */
export function runNote(detail: Record<string, unknown>): string | null {
  const run = detail.run as { runId?: number; agent?: string; exitCode?: number | null; durationMs?: number | null; note?: string | null } | undefined;
  if (!run || typeof run !== "object") return null;
  const took = typeof run.durationMs === "number" ? ` in ${run.durationMs < 1000 ? `${run.durationMs} ms` : `${(run.durationMs / 1000).toFixed(1)} s`}` : "";
  const exit = typeof run.exitCode === "number" ? `exit ${run.exitCode}${took}` : took.trim();
  return [`Run by agent ${run.agent ?? "?"}${run.runId ? ` (run #${run.runId})` : ""}`, exit, run.note].filter(Boolean).join(": ");
}

/** Words for the reader from an event's detail: the reason, the notes, what changed. */
export function eventNote(kind: StepEventKind, detail: Record<string, unknown>): string | null {
  const str = (k: string) => (typeof detail[k] === "string" && (detail[k] as string).trim() ? (detail[k] as string) : null);
  switch (kind) {
    case "skipped":
      return str("reason") ? `Reason: ${str("reason")}` : null;
    case "marked_done":
      return [runNote(detail), manifestNote(detail), detail.bulk ? "Marked with \"Mark all\"" : null, str("notes") ? `Notes: ${str("notes")}` : null].filter(Boolean).join(" · ") || null;
    case "run_failed":
    case "run_unknown":
      return runNote(detail);
    case "reverted":
      return str("reason") ? `Reason: ${str("reason")}` : null;
    case "unskipped":
      return str("previousReason") ? `Was skipped: ${str("previousReason")}` : null;
    case "custom_edited":
      return Array.isArray(detail.changed) ? `Changed ${(detail.changed as string[]).join(", ")}` : null;
    case "notes_updated":
      return str("notes");
    case "override_kept":
      return "The template changed since the override; this customer's content stays as it is.";
    default:
      return null;
  }
}

type EventRow = { id: number; kind: StepEventKind; detail: Record<string, unknown>; actorName: string | null; createdAt: Date };

/** A step's history, oldest first: the derived creation entry, then its events. */
export function buildHistory(
  step: { origin: StepOrigin; createdAt: Date; createdByName: string | null },
  events: EventRow[],
): StepHistoryEntry[] {
  const created: StepHistoryEntry = {
    id: "created",
    kind: "created",
    label: creationLabels[step.origin],
    note: null,
    ran: null,
    actorName: step.createdByName,
    at: step.createdAt.toISOString(),
  };
  return [
    created,
    ...[...events]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
      .map(historyEntryOf),
  ];
}

/** One event row as a history entry. */
export function historyEntryOf(e: EventRow): StepHistoryEntry {
  return {
    id: String(e.id),
    kind: e.kind,
    label: eventLabels[e.kind],
    note: eventNote(e.kind, e.detail),
    ran: ranOf(e.detail),
    actorName: e.actorName,
    at: e.createdAt.toISOString(),
  };
}

/**
 * What ran, from a "marked done" entry (lib/domain/content/queries/ran-sql.ts): the content as it
 * was, with the values its variables had at that moment filled in. Entries from before this was
 * kept have none.
 */
export function ranOf(detail: Record<string, unknown>): StepHistoryEntry["ran"] {
  if (typeof detail.ran !== "string") return null;
  const values = detail.values && typeof detail.values === "object" ? (detail.values as Record<string, string>) : null;
  if (!values) return { content: detail.ran, missing: [] };
  try {
    const { text, missing } = render(detail.ran, values);
    return { content: text, missing };
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return { content: detail.ran, missing: [] };
    throw error;
  }
}
