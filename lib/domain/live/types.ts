import type { StepStatus } from "@/db/schema/vocabulary";

/** [customer step id, customer id, status, version] after the change. */
export type LiveStep = [number, number, StepStatus, number];

/**
 * A committed change, as announced by the database's triggers (drizzle/0010) and sent to every
 * open page: steps of a release changed (with the steps themselves when there are at most 40),
 * or something else about a release did (its status, a stage, a sign-off).
 */
export type LiveChange =
  | { kind: "steps"; releaseId: number; count: number; steps: LiveStep[] | null; actorId: number | null; actorName: string | null }
  | { kind: "release"; releaseId: number };

export const LIVE_CHANNEL = "runsheet_live";
