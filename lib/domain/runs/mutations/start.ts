import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState, notFound } from "@/lib/domain/errors";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import { staleConflict } from "@/lib/domain/steps/mutations/guard";
import { releaseStageIdOf } from "@/lib/domain/stages/queries/stage-of";
import { leftWords, notRunnableSentence, type NotRunnable } from "@/lib/domain/runs/model/eligibility";
import { notRunnable } from "@/lib/domain/runs/queries/eligibility-sql";
import { renderForRun } from "@/lib/domain/runs/queries/render-context";
import type { RunAcrossInput, RunCustomerInput, RunStepInput } from "@/lib/domain/runs/input";
import type { StartedRun } from "@/lib/domain/runs/types";

type RunSpec = {
  releaseId: number;
  kind: "step" | "across" | "customer";
  templateId?: number;
  customerId?: number;
  maxParallel: number;
  maxParallelPerCluster: number;
  failureBudget?: number;
  failureBudgetPercent?: number;
  stopOnFailure: boolean;
  timeoutSeconds: number;
};

type Candidate = { id: number; version: number; why: NotRunnable | null };

/**
 * Hands steps to agents: one transaction that locks the release (the lock order of every
 * many-step change), reads the candidate steps with the same rules as a click (notRunnable: state,
 * stage, four eyes, archived customer), checks that each renders completely for its customer (no
 * variable without a value), creates the run with one item per runnable step in order, and marks
 * those steps queued (their version moves, so a page showing them redraws and a stale click is a
 * conflict). Steps that cannot run are left as they are and counted, with the reason.
 */
async function queue(tx: DbOrTx, spec: RunSpec, candidates: SQL, actor: Actor): Promise<StartedRun & { candidates: Candidate[] }> {
  const rows = executedRows(
    await tx.execute(sql`
      select s.id, s.version, ${notRunnable()} as why
      from customer_steps s
      join customers c on c.id = s.customer_id
      join releases r on r.id = s.release_id
      where ${candidates}
      order by s.id
      for update of s
    `),
  );
  const found: Candidate[] = rows.map((r) => ({ id: Number(r.id), version: Number(r.version), why: (r.why as NotRunnable | null) ?? null }));
  // A step must run as the panel shows it: a variable without a value stays a tag, so it does not run.
  const rendered = await renderForRun(tx, found.filter((c) => c.why === null).map((c) => c.id));
  for (const c of found) {
    const r = rendered.get(c.id);
    if (c.why === null && r && (r.missing.length || r.problem)) c.why = "needs_value";
  }
  const runnable = found.filter((c) => c.why === null).map((c) => c.id);
  const left: Partial<Record<NotRunnable, number>> = {};
  for (const c of found) if (c.why) left[c.why] = (left[c.why] ?? 0) + 1;
  if (runnable.length === 0) return { runId: 0, queued: 0, left, candidates: found };

  const [run] = executedRows(
    await tx.execute(sql`
      insert into runs (release_id, kind, template_id, customer_id, max_parallel, max_parallel_per_cluster, failure_budget, failure_budget_percent, stop_on_failure, started_by_id)
      values (${spec.releaseId}, ${spec.kind}, ${spec.templateId ?? null}, ${spec.customerId ?? null}, ${spec.maxParallel}, ${spec.maxParallelPerCluster},
              ${spec.failureBudget ?? null}, ${spec.failureBudgetPercent ?? null}, ${spec.stopOnFailure}, ${actor.id})
      returning id`),
  );
  const runId = Number(run.id);
  // In order: a customer's steps as its checklist lists them; across customers by stage, cluster, customer.
  await tx.execute(sql`
    with picked as (
      select s.id, s.release_id, s.customer_id, c.cluster_id,
             row_number() over (order by
               coalesce((select rs.position from release_stages rs where rs.id = ${releaseStageIdOf(sql`s.release_id`, sql`c`)}), 0),
               k.name, c.name, s.category, s.order_index, s.id) - 1 as position
      from customer_steps s join customers c on c.id = s.customer_id join clusters k on k.id = c.cluster_id
      where s.id = any(${`{${runnable.join(",")}}`}::bigint[])
    ), items as (
      insert into run_items (run_id, customer_step_id, release_id, customer_id, cluster_id, position, timeout_seconds)
      select ${runId}, id, release_id, customer_id, cluster_id, position, ${spec.timeoutSeconds} from picked
      returning customer_step_id
    )
    update customer_steps s set run_state = 'queued', version = s.version + 1, updated_by_id = ${actor.id}, updated_at = now()
    from items where s.id = items.customer_step_id
  `);
  return { runId, queued: runnable.length, left, candidates: found };
}

const minutes = (n: number) => n * 60;

/** "Run" on one step (panel, checklist, campaign). Refused in words when it cannot run; a stale version is a conflict. */
export async function startStepRun(input: RunStepInput, actor: Actor, db = getDb()): Promise<StartedRun> {
  return db.transaction(async (tx) => {
    const [step] = executedRows(await tx.execute(sql`select release_id, version from customer_steps where id = ${input.stepId}`));
    if (!step) throw notFound("The step");
    await lockRelease(tx, Number(step.release_id));
    // Only the version the person saw: a change meanwhile matches nothing and is a conflict.
    const started = await queue(
      tx,
      { releaseId: Number(step.release_id), kind: "step", maxParallel: 1, maxParallelPerCluster: 1, failureBudget: 1, stopOnFailure: true, timeoutSeconds: minutes(input.timeoutMinutes) },
      sql`s.id = ${input.stepId} and s.version = ${input.version}`,
      actor,
    );
    const [candidate] = started.candidates;
    if (!candidate) throw await staleConflict(tx, input.stepId);
    if (candidate.why) throw invalidState(notRunnableSentence(candidate.why));
    await audit(tx, actor, { ...started, releaseId: Number(step.release_id) }, "Started a run of one step");
    return strip(started);
  });
}

/** Run a template step across its customers (the step's across page): a window and a failure budget. */
export async function startAcrossRun(input: RunAcrossInput, actor: Actor, db = getDb()): Promise<StartedRun> {
  return db.transaction(async (tx) => {
    await lockRelease(tx, input.releaseId);
    const [template] = executedRows(await tx.execute(sql`select name from step_templates where id = ${input.templateId} and release_id = ${input.releaseId}`));
    if (!template) throw notFound("The template step");
    const started = await queue(
      tx,
      {
        releaseId: input.releaseId,
        kind: "across",
        templateId: input.templateId,
        maxParallel: input.maxParallel,
        maxParallelPerCluster: input.maxParallelPerCluster,
        failureBudget: input.failureBudget,
        failureBudgetPercent: input.failureBudgetPercent,
        stopOnFailure: false,
        timeoutSeconds: minutes(input.timeoutMinutes),
      },
      sql`s.release_id = ${input.releaseId} and s.template_id = ${input.templateId} and s.removed_at is null ${input.clusterId ? sql`and c.cluster_id = ${input.clusterId}` : sql``}`,
      actor,
    );
    if (started.queued === 0) throw invalidState(`Nothing to run for "${String(template.name)}": ${leftWords(started.left) || "no customer has this step"}.`);
    await audit(tx, actor, { ...started, releaseId: input.releaseId }, `Started a run of "${String(template.name)}" across ${started.queued} customers (${input.maxParallel} at a time)`);
    return strip(started);
  });
}

/**
 * Run a customer's steps in order: its open agent steps, deploy then verify, up to the first open
 * step a person carries out (an agent cannot do it, and what follows may depend on it), one at a
 * time, stopping at the first failure.
 */
export async function startCustomerRun(input: RunCustomerInput, actor: Actor, db = getDb()): Promise<StartedRun> {
  return db.transaction(async (tx) => {
    await lockRelease(tx, input.releaseId);
    const [customer] = executedRows(await tx.execute(sql`select name from customers where id = ${input.customerId}`));
    if (!customer) throw notFound("The customer");
    const [firstManual] = executedRows(
      await tx.execute(sql`
        select s.category, s.order_index from customer_steps s
        where s.release_id = ${input.releaseId} and s.customer_id = ${input.customerId} and s.removed_at is null
          and s.status in ('pending', 'reverted') and s.execution <> 'agent'
        order by s.category, s.order_index, s.id limit 1`),
    );
    const before = firstManual
      ? sql`and (s.category, s.order_index) < (${firstManual.category}::step_category, ${Number(firstManual.order_index)}::float8)`
      : sql``;
    const started = await queue(
      tx,
      { releaseId: input.releaseId, kind: "customer", customerId: input.customerId, maxParallel: 1, maxParallelPerCluster: 1, failureBudget: 1, stopOnFailure: true, timeoutSeconds: minutes(input.timeoutMinutes) },
      sql`s.release_id = ${input.releaseId} and s.customer_id = ${input.customerId} and s.removed_at is null and s.execution = 'agent'
          and s.status in ('pending', 'reverted') ${before}`,
      actor,
    );
    if (started.queued === 0) {
      const why = leftWords(started.left);
      throw invalidState(`Nothing to run for ${String(customer.name)}: ${why || (firstManual ? "its next open step is carried out by hand" : "it has no open agent steps")}.`);
    }
    await audit(tx, actor, { ...started, releaseId: input.releaseId }, `Started a run of ${started.queued} steps for ${String(customer.name)}, in order`);
    return strip(started);
  });
}

async function audit(tx: DbOrTx, actor: Actor, started: StartedRun & { releaseId: number }, summary: string) {
  await recordAudit(tx, actor, {
    action: "run.start",
    entityType: "release",
    entityId: started.releaseId,
    summary: `${summary}: run #${started.runId}${Object.keys(started.left).length ? ` (left as they are: ${leftWords(started.left)})` : ""}`,
    after: { runId: started.runId, queued: started.queued, left: started.left },
  });
}

const strip = ({ runId, queued, left }: StartedRun): StartedRun => ({ runId, queued, left });
