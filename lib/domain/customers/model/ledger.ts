import type { LedgerEntry } from "@/lib/domain/customers/types";
import { csvTable } from "@/lib/domain/shared/csv";

export const ledgerKindWords: Record<LedgerEntry["kind"], string> = {
  marked_done: "Done",
  skipped: "Skipped",
  reverted: "Reverted",
  unskipped: "Un-skipped",
  reviewed: "Reviewed",
  run_failed: "Run failed",
  run_unknown: "Run outcome unknown",
};

export function ledgerCsv(customer: { name: string; namespace: string }, entries: LedgerEntry[]): string {
  const head = ["time_utc", "customer", "namespace", "release", "version", "step", "category", "event", "by", "notes", "reason", "what_ran", "agent", "exit_code", "duration_ms", "sha256", "output", "manifest_commit", "manifest_path", "manifest_repository", "approved_by"];
  return csvTable(
    head,
    entries.map((e) => [e.at, customer.name, customer.namespace, e.release.name, e.release.versionNumber, e.step.name, e.step.category, ledgerKindWords[e.kind], e.actorName, e.notes, e.reason, e.ran, e.run?.agent ?? null, e.run?.exitCode ?? null, e.run?.durationMs ?? null, e.run?.sha256 ?? null, e.run?.output ?? null, e.manifest?.commitSha ?? null, e.manifest?.path ?? null, e.manifest?.repository ?? null, e.manifest?.approvedBy ?? null]),
  );
}

