import type { StageGate, StageView } from "../types";

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
