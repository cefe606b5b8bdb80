import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { RunItemState, RunStatus } from "@/db/schema/vocabulary";
import type { OutputSlice, RunCounts, RunItemView, RunView } from "@/lib/domain/runs/types";

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
const emptyCounts = (): RunCounts => ({ queued: 0, running: 0, done: 0, failed: 0, unknown: 0, cancelled: 0, total: 0 });

function itemOf(r: Record<string, unknown>): RunItemView {
  return {
    id: Number(r.id),
    position: Number(r.position),
    stepId: Number(r.customer_step_id),
    stepName: String(r.step_name),
    customerId: Number(r.customer_id),
    customerName: String(r.customer_name),
    namespace: String(r.namespace),
    clusterName: String(r.cluster_name),
    state: r.state as RunItemState,
    agentName: (r.agent_name as string | null) ?? null,
    claimedAt: date(r.claimed_at),
    finishedAt: date(r.finished_at),
    exitCode: r.exit_code === null ? null : Number(r.exit_code),
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    note: (r.note as string | null) ?? null,
    outputBytes: Number(r.output_bytes),
    outputCut: Boolean(r.output_cut),
    contentSha256: (r.content_sha256 as string | null) ?? null,
  };
}

const itemColumns = sql`i.id, i.position, i.customer_step_id, i.customer_id, i.state, i.claimed_at, i.finished_at, i.exit_code, i.duration_ms, i.note,
  i.output_bytes, i.output_cut, i.content_sha256, s.name as step_name, c.name as customer_name, c.namespace, k.name as cluster_name, a.name as agent_name`;
const itemJoins = sql`join customer_steps s on s.id = i.customer_step_id join customers c on c.id = i.customer_id
  join clusters k on k.id = c.cluster_id left join agents a on a.id = i.agent_id`;

/** A run with its items in order and their counts (the run page). */
export async function getRun(runId: number, db: DbOrTx = getDb()): Promise<RunView | null> {
  const [run] = executedRows(
    await db.execute(sql`
      select r.*, rl.name as release_name, u.name as started_by, t.name as template_name, cu.name as customer_name
      from runs r join releases rl on rl.id = r.release_id left join users u on u.id = r.started_by_id
      left join step_templates t on t.id = r.template_id left join customers cu on cu.id = r.customer_id
      where r.id = ${runId}`),
  );
  if (!run) return null;
  const items = executedRows(await db.execute(sql`select ${itemColumns} from run_items i ${itemJoins} where i.run_id = ${runId} order by i.position, i.id`)).map(itemOf);
  const counts = emptyCounts();
  for (const i of items) {
    counts[i.state]++;
    counts.total++;
  }
  const kind = run.kind as RunView["kind"];
  const title =
    kind === "across"
      ? `"${String(run.template_name ?? "A step")}" across customers`
      : kind === "customer"
        ? `${String(run.customer_name ?? "A customer")}'s steps, in order`
        : `"${items[0]?.stepName ?? "A step"}" for ${items[0]?.customerName ?? "a customer"}`;
  return {
    id: Number(run.id),
    releaseId: Number(run.release_id),
    releaseName: String(run.release_name),
    kind,
    title,
    status: run.status as RunStatus,
    pausedReason: (run.paused_reason as string | null) ?? null,
    maxParallel: Number(run.max_parallel),
    maxParallelPerCluster: Number(run.max_parallel_per_cluster),
    failureBudget: run.failure_budget === null ? null : Number(run.failure_budget),
    failureBudgetPercent: run.failure_budget_percent === null ? null : Number(run.failure_budget_percent),
    startedByName: (run.started_by as string | null) ?? null,
    createdAt: new Date(run.created_at as string),
    finishedAt: date(run.finished_at),
    counts,
    items,
  };
}

/** A release's runs, newest first, with their counts (the release page lists them). */
export async function listRuns(releaseId: number, limit = 20, db: DbOrTx = getDb()): Promise<Array<Omit<RunView, "items">>> {
  const rows = executedRows(
    await db.execute(sql`
      select r.id, r.kind, r.status, r.paused_reason, r.created_at, r.finished_at, r.max_parallel, r.max_parallel_per_cluster, r.failure_budget, r.failure_budget_percent,
        u.name as started_by, t.name as template_name, cu.name as customer_name, rl.name as release_name,
        (select jsonb_object_agg(state, n) from (select state, count(*)::int as n from run_items where run_id = r.id group by state) x) as counts,
        (select s.name || ' for ' || c.name from run_items i join customer_steps s on s.id = i.customer_step_id join customers c on c.id = i.customer_id where i.run_id = r.id order by i.position limit 1) as first_item
      from runs r join releases rl on rl.id = r.release_id left join users u on u.id = r.started_by_id
      left join step_templates t on t.id = r.template_id left join customers cu on cu.id = r.customer_id
      where r.release_id = ${releaseId} order by r.id desc limit ${limit}`),
  );
  return rows.map((r) => {
    const counts = emptyCounts();
    const raw = (typeof r.counts === "string" ? JSON.parse(r.counts) : r.counts) as Record<string, number> | null;
    for (const [k, v] of Object.entries(raw ?? {})) {
      counts[k as RunItemState] = Number(v);
      counts.total += Number(v);
    }
    const kind = r.kind as RunView["kind"];
    return {
      id: Number(r.id),
      releaseId,
      releaseName: String(r.release_name),
      kind,
      title: kind === "across" ? `"${String(r.template_name)}" across customers` : kind === "customer" ? `${String(r.customer_name)}'s steps, in order` : `"${String(r.first_item ?? "A step")}"`,
      status: r.status as RunStatus,
      pausedReason: (r.paused_reason as string | null) ?? null,
      maxParallel: Number(r.max_parallel),
      maxParallelPerCluster: Number(r.max_parallel_per_cluster),
      failureBudget: r.failure_budget === null ? null : Number(r.failure_budget),
      failureBudgetPercent: r.failure_budget_percent === null ? null : Number(r.failure_budget_percent),
      startedByName: (r.started_by as string | null) ?? null,
      createdAt: new Date(r.created_at as string),
      finishedAt: date(r.finished_at),
      counts,
    };
  });
}

/** The latest run item of a step (the panel shows its state and output), or null. */
export async function latestRunItemOf(stepId: number, db: DbOrTx = getDb()): Promise<(RunItemView & { runId: number; runStatus: RunStatus }) | null> {
  const [row] = executedRows(
    await db.execute(sql`
      select ${itemColumns}, i.run_id, r.status as run_status from run_items i ${itemJoins} join runs r on r.id = i.run_id
      where i.customer_step_id = ${stepId} order by i.id desc limit 1`),
  );
  return row ? { ...itemOf(row), runId: Number(row.run_id), runStatus: row.run_status as RunStatus } : null;
}

/**
 * An item's output from `from` on (characters received so far, as the live announcement says):
 * what a page showing the first `from` characters has not shown yet. Once the output was cut, the
 * whole kept text is answered again (from 0), with `cut`.
 */
export async function runOutput(runId: number, itemId: number, from: number, db: DbOrTx = getDb()): Promise<(OutputSlice & { releaseId: number }) | null> {
  const [row] = executedRows(await db.execute(sql`select id, release_id, state, output, output_bytes, output_cut, exit_code, note from run_items where id = ${itemId} and run_id = ${runId}`));
  if (!row) return null;
  const output = String(row.output);
  const cut = Boolean(row.output_cut);
  const start = cut || from > output.length ? 0 : Math.max(0, from);
  return {
    itemId,
    releaseId: Number(row.release_id),
    state: row.state as RunItemState,
    from: start,
    text: output.slice(start),
    received: Number(row.output_bytes),
    cut,
    exitCode: row.exit_code === null ? null : Number(row.exit_code),
    note: (row.note as string | null) ?? null,
  };
}
