import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { AgentContext } from "@/lib/auth/agent-token";
import { notRunnableWords, type NotRunnable } from "@/lib/domain/runs/model/eligibility";
import { notRunnable } from "@/lib/domain/runs/queries/eligibility-sql";
import { renderForRun } from "@/lib/domain/runs/queries/render-context";
import { contentSha256 } from "./fingerprint";
import { settleRun } from "./settle";
import type { ClaimedStep } from "@/lib/domain/runs/types";

/** How long a claim holds without word from its agent; output and heartbeats renew it. */
export const LEASE_SECONDS = 30;

/**
 * An agent takes work: up to `limit` queued steps of its own cluster, from active runs, within
 * each run's window (at most N running at once overall and per cluster; a customer's steps one
 * after another, in order). One transaction:
 *  - each run's row is locked while its window is counted, so two agents claiming from the same
 *    run at once cannot both fill its last slot;
 *  - the items and their steps are locked FOR UPDATE SKIP LOCKED: an item another agent is
 *    claiming is passed over, never taken twice;
 *  - every rule is asked again (the same notRunnable as when the run started: a stage, a review or
 *    an archived customer may have changed meanwhile) — a step that may not run any more is
 *    cancelled with the reason, never run;
 *  - the step is rendered for its customer here, once, and that exact text (and its SHA-256) is
 *    what the agent runs and what the history keeps. The agent never renders.
 * The step becomes `running` (its version moves: a stale click is a conflict) and the item holds
 * a lease of LEASE_SECONDS.
 */
export async function claimSteps(agent: AgentContext, limit: number, db = getDb()): Promise<ClaimedStep[]> {
  return db.transaction(async (tx) => {
    // Runs with work for this cluster and room in their window: a run that is full does not hide
    // the runs after it from an idle agent. (The window is counted again under each run's lock.)
    const runIds = executedRows(
      await tx.execute(sql`
        select r.id as run_id from runs r
        where r.status = 'active'
          and exists (select 1 from run_items i where i.run_id = r.id and i.cluster_id = ${agent.clusterId} and i.state = 'queued')
          and (select count(*) from run_items i where i.run_id = r.id and i.state = 'running') < r.max_parallel
          and (select count(*) from run_items i where i.run_id = r.id and i.state = 'running' and i.cluster_id = ${agent.clusterId}) < r.max_parallel_per_cluster
        order by r.id limit 20`),
    ).map((r) => Number(r.run_id));
    const claimed: ClaimedStep[] = [];
    for (const runId of runIds) {
      if (claimed.length >= limit) break;
      claimed.push(...(await claimFromRun(tx, agent, runId, limit - claimed.length)));
    }
    return claimed;
  });
}

async function claimFromRun(tx: DbOrTx, agent: AgentContext, runId: number, want: number): Promise<ClaimedStep[]> {
  const [run] = executedRows(
    await tx.execute(sql`
      select r.status, r.max_parallel, r.max_parallel_per_cluster, r.started_by_id, r.stop_on_failure,
        (select count(*) from run_items i where i.run_id = r.id and i.state = 'running')::int as running,
        (select count(*) from run_items i where i.run_id = r.id and i.state = 'running' and i.cluster_id = ${agent.clusterId})::int as running_here
      from runs r where r.id = ${runId} for update`),
  );
  if (!run || run.status !== "active") return [];
  const room = Math.min(Number(run.max_parallel) - Number(run.running), Number(run.max_parallel_per_cluster) - Number(run.running_here), want);
  if (room <= 0) return [];
  const picked = executedRows(
    await tx.execute(sql`
      select i.id as item_id, i.customer_step_id, i.customer_id, i.position, s.name as step_name, i.timeout_seconds,
        case
          -- The run was started for the cluster the customer was on; its agents only ever run there.
          when c.cluster_id <> i.cluster_id then 'moved'
          -- A customer's run stops at its first step that did not end done (failed, unknown, not
          -- run), unless a person has since done or skipped that step by hand.
          when ${Boolean(run.stop_on_failure)}::boolean and exists (
            select 1 from run_items e join customer_steps es on es.id = e.customer_step_id
            where e.run_id = i.run_id and e.customer_id = i.customer_id and e.position < i.position
              and e.state in ('failed', 'unknown', 'cancelled') and es.status not in ('done', 'skipped')) then 'earlier_not_done'
          else ${notRunnable("s", "c", "r", { claiming: true })}
        end as why
      from run_items i
      join customer_steps s on s.id = i.customer_step_id
      join customers c on c.id = s.customer_id
      join releases r on r.id = s.release_id
      where i.run_id = ${runId} and i.cluster_id = ${agent.clusterId} and i.state = 'queued'
        -- A customer's steps run in order: nothing earlier of the same customer is still to come.
        and not exists (select 1 from run_items e where e.run_id = i.run_id and e.customer_id = i.customer_id and e.position < i.position and e.state in ('queued', 'running'))
      order by i.position
      limit ${room}
      for update of i, s skip locked`),
  );
  if (picked.length === 0) return [];
  const rendered = await renderForRun(tx, picked.filter((p) => p.why === null).map((p) => Number(p.customer_step_id)));
  const refused: Array<{ id: number; note: string; customerId: number; position: number; stepName: string }> = [];
  const runnable: Array<{ itemId: number; stepId: number; timeout: number; sha: string; r: NonNullable<ReturnType<typeof rendered.get>> }> = [];
  for (const p of picked) {
    const stepId = Number(p.customer_step_id);
    const r = rendered.get(stepId);
    const at = { id: Number(p.item_id), customerId: Number(p.customer_id), position: Number(p.position), stepName: String(p.step_name) };
    if (p.why !== null) refused.push({ ...at, note: `Not run: ${notRunnableWords[p.why as NotRunnable]} when an agent came to run it.` });
    else if (!r || r.missing.length || r.problem) {
      refused.push({ ...at, note: `Not run: ${r?.problem ?? `no value for ${(r?.missing ?? []).map((m) => `{{ ${m} }}`).join(", ")} for this customer`}.` });
    } else runnable.push({ itemId: Number(p.item_id), stepId, timeout: Number(p.timeout_seconds), sha: contentSha256(r.content), r });
  }
  if (refused.length) {
    await tx.execute(sql`
      with v(id, note) as (values ${sql.join(refused.map((x) => sql`(${x.id}::bigint, ${x.note})`), sql`, `)}),
      cancelled as (
        update run_items i set state = 'cancelled', note = v.note, finished_at = now() from v where i.id = v.id returning i.customer_step_id
      )
      update customer_steps s set run_state = null, version = s.version + 1, updated_at = now()
      from cancelled c where s.id = c.customer_step_id and s.run_state = 'queued'`);
    // Under the run's lock already: a customer's run stops after a step that was not run, and a
    // run with nothing left is finished (run.finished), as when an item ends on an agent.
    await settleRun(tx, runId, refused.map((x) => ({ customerId: x.customerId, position: x.position, ok: false, stepName: x.stepName })));
  }
  if (runnable.length === 0) return [];
  const values = sql.join(
    runnable.map((x) => sql`(${x.itemId}::bigint, ${x.r.type}, ${x.r.content}, ${x.sha})`),
    sql`, `,
  );
  await tx.execute(sql`
    with v(id, type, content, sha) as (values ${values}),
    claimed as (
      update run_items i set state = 'running', agent_id = ${agent.agentId}, claimed_at = clock_timestamp(),
        lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), step_type = v.type, content = v.content, content_sha256 = v.sha
      from v where i.id = v.id
      returning i.customer_step_id
    )
    update customer_steps s set run_state = 'running', version = s.version + 1, updated_at = now(), updated_by_id = ${run.started_by_id === null ? null : Number(run.started_by_id)}
    from claimed c where s.id = c.customer_step_id`);
  return runnable.map((x) => ({
    itemId: x.itemId,
    runId,
    stepId: x.stepId,
    type: x.r.type,
    name: x.r.name,
    content: x.r.content,
    sha256: x.sha,
    namespace: x.r.namespace,
    customer: x.r.customerName,
    cluster: x.r.clusterName,
    release: x.r.releaseName,
    releaseVersion: x.r.releaseVersion,
    kubeconfigPath: x.r.kubeconfigPath,
    timeoutSeconds: x.timeout,
    leaseSeconds: LEASE_SECONDS,
  }));
}
