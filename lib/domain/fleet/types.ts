import type { FleetPlan } from "@/lib/domain/fleet/model/plan";
import type { FleetFromSource } from "@/lib/domain/fleet/model/sources";

export type FleetImportResult = {
  plan: FleetPlan;
  /** Active releases (for all customers) that new and restored customers join, and their steps each. */
  joins: Array<{ releaseId: number; name: string; steps: number }>;
  applied: boolean;
  stepsCreated: number;
  /** What the plan changes, fingerprinted: sent back with Apply so that what is applied is what was seen. */
  digest: string;
};

/** What the import page shows: the plan, what joining releases means, and what the reader noted. */
export type FleetImportAnswer = FleetImportResult & { notes: string[]; missingScope: FleetFromSource["missingScope"] };
