import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { RunItemState, RunStatus } from "@/db/schema/vocabulary";
import type { StepRun } from "@/lib/domain/runs/types";

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** Each step's latest run item (one read for a whole checklist): what the step shows about its last run. */
export async function lastRunsOf(db: DbOrTx, stepIds: number[]): Promise<Map<number, StepRun>> {
  if (stepIds.length === 0) return new Map();
  const rows = executedRows(
    await db.execute(sql`
      select distinct on (i.customer_step_id) i.customer_step_id, i.id, i.run_id, r.status as run_status, i.state, a.name as agent_name, i.exit_code, i.duration_ms,
        i.note, i.output_bytes, i.output_cut, i.content_sha256, i.claimed_at, i.finished_at, u.name as started_by
      from run_items i join runs r on r.id = i.run_id left join agents a on a.id = i.agent_id left join users u on u.id = r.started_by_id
      where i.customer_step_id = any(${`{${stepIds.join(",")}}`}::bigint[])
      order by i.customer_step_id, i.id desc`),
  );
  return new Map(
    rows.map((r) => [
      Number(r.customer_step_id),
      {
        runId: Number(r.run_id),
        itemId: Number(r.id),
        runStatus: r.run_status as RunStatus,
        state: r.state as RunItemState,
        agentName: (r.agent_name as string | null) ?? null,
        startedByName: (r.started_by as string | null) ?? null,
        exitCode: r.exit_code === null ? null : Number(r.exit_code),
        durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
        note: (r.note as string | null) ?? null,
        outputBytes: Number(r.output_bytes),
        outputCut: Boolean(r.output_cut),
        sha256: (r.content_sha256 as string | null) ?? null,
        claimedAt: iso(r.claimed_at),
        finishedAt: iso(r.finished_at),
      },
    ]),
  );
}
