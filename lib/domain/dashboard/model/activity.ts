import type { ActivityKind } from "@/lib/domain/dashboard/types";

/** Short words for the activity feed: "[v2.5.0] customer-a (prod-us) — Deploy 3. Run SQL — Done". */
export const activityLabels: Record<ActivityKind, string> = {
  marked_done: "Done",
  skipped: "Skipped",
  unskipped: "Un-skipped",
  reverted: "Reverted",
  content_overridden: "Overridden",
  reset_to_template: "Reset to template",
  custom_edited: "Custom step edited",
  custom_removed: "Custom step removed",
  custom_added: "Custom step added",
  notes_updated: "Notes updated",
  edited_via_template: "Updated from template",
  template_removed: "Template step deleted",
  override_kept: "Override kept",
  reviewed: "Reviewed",
  run_failed: "Run failed",
  run_unknown: "Run outcome unknown",
};

/** Event kinds the feed leaves out: template edits fan out to every customer and would flood it. */
export const fanOutKinds = ["edited_via_template", "template_removed"] as const;

/** A note worth showing next to an activity line, from the event's detail. */
export function activityNote(kind: ActivityKind, detail: Record<string, unknown> | null): string | null {
  const text = (k: string) => {
    const v = detail?.[k];
    return typeof v === "string" && v.trim() ? v.trim() : null;
  };
  if (kind === "skipped" || kind === "reverted") return text("reason");
  if (kind === "marked_done" || kind === "notes_updated") return text("notes");
  return null;
}
