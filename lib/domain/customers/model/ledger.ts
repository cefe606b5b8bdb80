import type { LedgerEntry } from "@/lib/domain/customers/types";

export const ledgerKindWords: Record<LedgerEntry["kind"], string> = {
  marked_done: "Done",
  skipped: "Skipped",
  reverted: "Reverted",
  unskipped: "Un-skipped",
  reviewed: "Reviewed",
};

/** RFC 4180: quotes around every field, inner quotes doubled; a leading =+-@ defused for spreadsheets. */
function csvField(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function ledgerCsv(customer: { name: string; namespace: string }, entries: LedgerEntry[]): string {
  const head = ["time_utc", "customer", "namespace", "release", "version", "step", "category", "event", "by", "notes", "reason", "what_ran"];
  const rows = entries.map((e) =>
    [e.at, customer.name, customer.namespace, e.release.name, e.release.versionNumber, e.step.name, e.step.category, ledgerKindWords[e.kind], e.actorName, e.notes, e.reason, e.ran].map(csvField).join(","),
  );
  return [head.join(","), ...rows].join("\r\n") + "\r\n";
}

