import type { Metadata } from "@/db/schema";

/** The cluster a customer lives on; shown wherever the customer is (spec 8.1). */
export type CustomerCluster = { id: number; name: string; isActive: boolean; deleted: boolean; kubeconfigPath: string | null };

export type CustomerSummary = {
  id: number;
  name: string;
  namespace: string;
  description: string;
  metadata: Metadata;
  isActive: boolean;
  archivedAt: Date | null;
  cluster: CustomerCluster;
};

export type CustomerDetail = CustomerSummary & { createdAt: Date; updatedAt: Date };

/** What the evidence ledger lists (every entry a release manager's decision about a step). */
export type LedgerKind = "marked_done" | "skipped" | "reverted" | "unskipped" | "reviewed" | "run_failed" | "run_unknown";

/** One line of a customer's evidence ledger. Times are ISO strings. */
export type LedgerEntry = {
  id: string;
  kind: LedgerKind;
  at: string;
  actorName: string | null;
  release: { id: number; name: string; versionNumber: string | null };
  step: { id: number; name: string; category: "deploy" | "verify"; type: "bash" | "sql" | "yaml" | "text" };
  /** Done and reviewed entries: the content exactly as it ran (or was reviewed) for this customer. */
  ran: string | null;
  notes: string | null;
  reason: string | null;
  /** Run by an agent: which, how it ended, the SHA-256 of what ran, and what it printed (as kept). */
  run: { runId: number; agent: string | null; exitCode: number | null; durationMs: number | null; sha256: string | null; note: string | null; output: string } | null;
  /** Carried out by a reviewed merge into the manifest repository: the merged commit, the file, who published and who approved. */
  manifest: { publishId: number; commitSha: string; path: string; repository: string; branch: string; approvedBy: string | null; publishedBy: string | null } | null;
};
