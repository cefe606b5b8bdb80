import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { customerSteps, releases, runItems, stepEvents, users } from "@/db/schema";
import { ranOf } from "@/lib/domain/steps/model/history";
import type { LedgerEntry, LedgerKind } from "@/lib/domain/customers/types";

export const ledgerKinds: LedgerKind[] = ["marked_done", "skipped", "reverted", "unskipped", "reviewed", "run_failed", "run_unknown"];

/**
 * The customer's evidence ledger across releases (what an auditor asks for): every step that was
 * done, skipped, reverted, un-skipped or reviewed, newest first, with what ran exactly as it ran
 * (content and values kept with the entry), by whom, when, and the notes or reason. One query.
 */
export async function getCustomerLedger(
  customerId: number,
  filters: { releaseId?: number; kind?: LedgerKind } = {},
  { db = getDb(), limit = 1000 }: { db?: DbOrTx; limit?: number } = {},
): Promise<LedgerEntry[]> {
  const rows = await db
    .select({
      id: stepEvents.id,
      kind: stepEvents.kind,
      detail: stepEvents.detail,
      at: stepEvents.createdAt,
      actorName: users.name,
      release: { id: releases.id, name: releases.name, versionNumber: releases.versionNumber },
      step: { id: customerSteps.id, name: customerSteps.name, category: customerSteps.category, type: customerSteps.type },
      // An agent's run: what it printed, as kept with its run item.
      output: runItems.output,
    })
    .from(stepEvents)
    .leftJoin(runItems, sql`${runItems.id} = (${stepEvents.detail} -> 'run' ->> 'itemId')::bigint`)
    .innerJoin(customerSteps, eq(customerSteps.id, stepEvents.customerStepId))
    .innerJoin(releases, eq(releases.id, stepEvents.releaseId))
    .leftJoin(users, eq(users.id, stepEvents.actorId))
    .where(
      and(
        eq(stepEvents.customerId, customerId),
        inArray(stepEvents.kind, filters.kind ? [filters.kind] : ledgerKinds),
        filters.releaseId ? eq(stepEvents.releaseId, filters.releaseId) : undefined,
      ),
    )
    .orderBy(desc(stepEvents.createdAt), desc(stepEvents.id))
    .limit(limit);
  return rows.map((r) => {
    const d = r.detail ?? {};
    const text = (k: string) => (typeof d[k] === "string" && (d[k] as string).trim() ? (d[k] as string) : null);
    return {
      id: String(r.id),
      kind: r.kind as LedgerKind,
      at: r.at.toISOString(),
      actorName: r.actorName,
      release: r.release,
      step: r.step,
      ran: ranOf(d)?.content ?? null,
      notes: text("notes"),
      reason: text("reason"),
      run: runOf(d, r.output),
      manifest: manifestOf(d),
    };
  });
}

function runOf(d: Record<string, unknown>, output: string | null): LedgerEntry["run"] {
  const run = d.run as { runId?: number; agent?: string; exitCode?: number | null; durationMs?: number | null; sha256?: string; note?: string | null } | undefined;
  if (!run || typeof run !== "object") return null;
  return { runId: Number(run.runId), agent: run.agent ?? null, exitCode: run.exitCode ?? null, durationMs: run.durationMs ?? null, sha256: run.sha256 ?? null, note: run.note ?? null, output: output ?? "" };
}

function manifestOf(d: Record<string, unknown>): LedgerEntry["manifest"] {
  const m = d.manifest as Record<string, unknown> | undefined;
  if (!m || typeof m !== "object") return null;
  const s = (k: string) => (typeof m[k] === "string" ? (m[k] as string) : null);
  return { publishId: Number(m.publishId), commitSha: s("commitSha") ?? "", path: s("path") ?? "", repository: s("repository") ?? "", branch: s("branch") ?? "", approvedBy: s("approvedBy"), publishedBy: s("publishedBy") };
}

/** The releases a customer has ledger entries in (the release filter's choices). */
export async function getLedgerReleases(customerId: number, db: DbOrTx = getDb()) {
  return db
    .selectDistinct({ id: releases.id, name: releases.name })
    .from(stepEvents)
    .innerJoin(releases, eq(releases.id, stepEvents.releaseId))
    .where(eq(stepEvents.customerId, customerId))
    .orderBy(releases.name);
}
