import type { GateHold, StageGate, StageView } from "../types";

/** Durations as people say them: "24 h", "90 min", "2 d". */
export function soakLabel(minutes: number): string {
  if (minutes % 1440 === 0 && minutes >= 2880) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

const listed = (names: string[]) =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/**
 * The gate of a waiting stage from its predecessor and its sign-offs. `now` is passed so the
 * same instant judges every stage of one read.
 */
export function gateOf(stage: Pick<StageView, "groups" | "openedAt">, previous: Pick<StageView, "name" | "customers" | "complete" | "completedAt" | "soakMinutes" | "openedAt"> | null, next: boolean, now: Date): StageGate {
  const previousComplete = previous === null || (previous.openedAt !== null && previous.complete === previous.customers);
  const soakEndsAt = previous && previousComplete && previous.soakMinutes > 0 && previous.completedAt ? new Date(previous.completedAt.getTime() + previous.soakMinutes * 60_000) : null;
  const soakPassed = previous === null || previous.soakMinutes === 0 || (previousComplete && soakEndsAt !== null && soakEndsAt.getTime() <= now.getTime());
  const missingGroups = stage.groups.filter((g) => g.signOffs.length === 0).map((g) => g.name);
  return {
    previousName: previous?.name ?? null,
    previousComplete,
    previousProgress: previous ? { complete: previous.complete, customers: previous.customers } : null,
    soakMinutes: previous?.soakMinutes ?? 0,
    soakEndsAt,
    soakPassed,
    missingGroups,
    ready: next && previousComplete && soakPassed && missingGroups.length === 0,
    next,
  };
}

/** "opens after canary is complete, its 24 h soak has passed and Security has signed off" */
export function waitingReason(stage: Pick<StageView, "name">, gate: StageGate, previousSoakMinutes: number): string {
  const conditions: string[] = [];
  if (gate.previousName && !gate.previousComplete) conditions.push(`${gate.previousName} is complete`);
  if (gate.previousName && !gate.soakPassed && previousSoakMinutes > 0) conditions.push(`the ${soakLabel(previousSoakMinutes)} soak after ${gate.previousName} has passed`);
  if (gate.missingGroups.length) conditions.push(`${listed(gate.missingGroups)} ${gate.missingGroups.length === 1 ? "has" : "have"} signed off`);
  if (conditions.length === 0) return `${stage.name} is ready to open: a release manager promotes it.`;
  return `${stage.name} opens after ${listed(conditions)}, and a release manager promotes it.`;
}

const customers = (n: number) => `${n} ${n === 1 ? "customer" : "customers"}`;

/**
 * Exactly what holds a waiting stage back, with its numbers, for the one who would promote it:
 * "canary: 0 of 4 customers complete", "the 24 h soak starts when the last one completes",
 * "Security has not signed off", and — segregation of duties — "you are the only one who signed
 * off". Empty when this viewer may promote now: the same rules promoteStage applies.
 */
export function gateHolds(stage: Pick<StageView, "name" | "gate" | "groups" | "promoterMayNotBeOnlySigner">, viewerId: number | null): GateHold[] {
  const gate = stage.gate;
  if (!gate) return [];
  const holds: GateHold[] = [];
  if (!gate.next) holds.push({ kind: "previous", text: `${gate.previousName ?? "the stage before"} has not opened yet` });
  else if (gate.previousName && !gate.previousComplete && gate.previousProgress) {
    const p = gate.previousProgress;
    holds.push({ kind: "previous", text: `${gate.previousName}: ${p.complete} of ${customers(p.customers)} complete` });
  }
  if (gate.next && gate.previousName && !gate.soakPassed && gate.soakMinutes > 0) {
    holds.push(
      gate.soakEndsAt
        ? { kind: "soak", text: `the ${soakLabel(gate.soakMinutes)} soak after ${gate.previousName} ends`, soakEndsAt: gate.soakEndsAt }
        : { kind: "soak", text: `the ${soakLabel(gate.soakMinutes)} soak starts when the last one completes` },
    );
  }
  for (const name of gate.missingGroups) holds.push({ kind: "sign_off", text: `${name} has not signed off` });
  if (holds.length === 0 && stage.promoterMayNotBeOnlySigner && viewerId !== null) {
    const signers = new Set(stage.groups.flatMap((g) => g.signOffs.map((s) => s.userId)));
    if (signers.size === 1 && signers.has(viewerId)) {
      holds.push({ kind: "segregation", text: "you are the only one who signed off: someone else signs off too, or another release manager promotes it" });
    }
  }
  return holds;
}

/** The holds as one sentence, for refusals: "production cannot open yet: canary: 0 of 4 … ; Security has not signed off." */
export function holdsSentence(stageName: string, holds: GateHold[]): string {
  const parts = holds.map((h) => (h.soakEndsAt ? `${h.text} at ${h.soakEndsAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : h.text));
  return `${stageName} cannot open yet: ${parts.join("; ")}.`;
}
