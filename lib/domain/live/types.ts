import type { RunItemState, RunState, StepStatus } from "@/db/schema/vocabulary";

/** [customer step id, customer id, shown status (its run state while an agent has it), version] after the change. */
export type LiveStep = [number, number, StepStatus | RunState, number];

/** [run item id, customer step id, state, characters of output received]. */
export type LiveRunItem = [number, number, RunItemState, number];

/**
 * A committed change, as announced by the database's triggers (drizzle/0010, 0015) and sent to
 * every open page: steps of a release changed (with the steps themselves when there are at most
 * 40), something else about a release did (its status, a stage, a sign-off), or a run's items
 * moved (claimed, output arrived, finished) — with up to 40 items, so an open panel fetches only
 * the output it has not shown yet.
 */
export type LiveChange =
  | { kind: "steps"; releaseId: number; count: number; steps: LiveStep[] | null; actorId: number | null; actorName: string | null }
  | { kind: "release"; releaseId: number }
  | { kind: "run"; releaseId: number; runId: number; count: number; items: LiveRunItem[] | null };

export const LIVE_CHANNEL = "runsheet_live";
