/** A release's rollout stages as every screen shows them (release header, matrix, dashboard). */
export type SignOffView = { id: number; groupId: number; userId: number | null; userName: string; comment: string; at: Date };

export type StageGroupView = { id: number; name: string; signOffs: SignOffView[] };

/** done ✓: open and every customer complete; open: its steps may change; waiting: not open yet. */
export type StageState = "done" | "open" | "waiting";

export type StageGate = {
  previousName: string | null;
  previousComplete: boolean;
  /** The stage before: how many of its customers are complete, of how many (null for the first stage). */
  previousProgress: { complete: number; customers: number } | null;
  /** The soak after the stage before, in minutes (0: none). */
  soakMinutes: number;
  /** When the previous stage's soak time ends (null: no soak, or the stage is not complete yet). */
  soakEndsAt: Date | null;
  soakPassed: boolean;
  missingGroups: string[];
  /** Every condition holds: a release manager may promote now. */
  ready: boolean;
  /** This is the stage a promotion would open (the first that waits). */
  next: boolean;
};

export type StageView = {
  id: number;
  position: number;
  name: string;
  /** What the stage holds, in words ("cluster staging", "label wave=canary"). */
  holds: string;
  soakMinutes: number;
  openedAt: Date | null;
  openedByName: string | null;
  breakGlassReason: string | null;
  promoterMayNotBeOnlySigner: boolean;
  customers: number;
  complete: number;
  completedAt: Date | null;
  groups: StageGroupView[];
  state: StageState;
  gate: StageGate | null;
  /** Why the stage's steps cannot change yet, in words (null once open). */
  waitingReason: string | null;
};

export type Pipeline = { trackName: string | null; stages: StageView[] };

/**
 * One thing that holds a stage back, in words with its numbers; `soakEndsAt` is drawn as a time in
 * the viewer's zone where it is known.
 */
export type GateHold = { kind: "previous" | "soak" | "sign_off" | "segregation"; text: string; soakEndsAt?: Date };
