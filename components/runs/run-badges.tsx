import { Badge, type Tone } from "@/components/ui/badge";
import type { RunItemState, RunStatus } from "@/lib/domain/vocabulary";

export const itemWords: Record<RunItemState, string> = {
  queued: "Queued",
  running: "Running",
  done: "Done",
  failed: "Failed",
  unknown: "Outcome unknown",
  cancelled: "Cancelled",
};
const itemTone: Record<RunItemState, Tone> = { queued: "blue", running: "violet", done: "green", failed: "red", unknown: "amber", cancelled: "neutral" };

/** A run item's state in a word (and a colour, never only a colour). */
export function RunItemBadge({ state }: { state: RunItemState }) {
  return <Badge tone={itemTone[state]}>{itemWords[state]}</Badge>;
}

export const runWords: Record<RunStatus, string> = { active: "Running", paused: "Paused", cancelled: "Cancelled", finished: "Finished" };
const runTone: Record<RunStatus, Tone> = { active: "violet", paused: "amber", cancelled: "neutral", finished: "green" };

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={runTone[status]}>{runWords[status]}</Badge>;
}
