import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { AgentContext } from "@/lib/auth/agent-token";
import { invalidState, notFound } from "@/lib/domain/errors";
import { enqueueWebhook } from "@/lib/domain/webhooks/mutations/enqueue";
import { appendOutput } from "@/lib/domain/runs/model/output";
import { renderForRun } from "@/lib/domain/runs/queries/render-context";
import { LEASE_SECONDS } from "./claim";
import { contentSha256 } from "./fingerprint";
import { settleRun } from "./settle";

/** What an agent hears back on each report: stop (the run was cancelled), or the lease was lost. */
export type ReportAnswer = { cancel: boolean; leaseLost: boolean; leaseSeconds: number };

/**
 * Output (or nothing: a heartbeat) from the agent running an item: appended to what is kept
 * (model/output.ts: head and tail past the cap) and the lease renewed. Only the agent that claimed
 * the item may report on it.
 *
 * An agent whose lease ran out (the network went away for longer than a lease) may still be
 * running the step. When it is heard again:
 *  - nobody has decided yet (the step is still "outcome unknown" and this is its newest run): the
 *    item is running again with a fresh lease, so every "an agent is running this step" rule holds
 *    again — no Retry can start a second copy beside it;
 *  - a person has decided meanwhile (retried, marked done or skipped it): the agent is told to stop
 *    it. Its output is still kept: it is evidence of what it did.
 */
export async function appendRunOutput(agent: AgentContext, itemId: number, chunk: string, db = getDb()): Promise<ReportAnswer> {
  return db.transaction(async (tx) => {
    const [item] = executedRows(
      await tx.execute(sql`
        select i.state, i.run_id, i.output, i.output_bytes, i.output_cut, i.cancel_requested_at is not null as cancel,
               s.run_state = 'unknown' and not exists (select 1 from run_items n where n.customer_step_id = i.customer_step_id and n.id > i.id) as undecided
        from run_items i join customer_steps s on s.id = i.customer_step_id
        where i.id = ${itemId} and i.agent_id = ${agent.agentId} for update of i, s`),
    );
    if (!item) throw notFound("That run item (for this agent)");
    if (item.state !== "running" && item.state !== "unknown") throw invalidState(`This step is ${String(item.state)}: it takes no more output.`);
    const kept = chunk ? appendOutput({ output: String(item.output), received: Number(item.output_bytes), cut: Boolean(item.output_cut) }, chunk) : null;
    const back = item.state === "unknown" && Boolean(item.undecided);
    await tx.execute(sql`
      update run_items set
        ${kept ? sql`output = ${kept.output}, output_bytes = ${kept.received}, output_cut = ${kept.cut},` : sql``}
        ${back ? sql`state = 'running', finished_at = null, note = ${`${agent.agentName} was heard again after its lease ran out: the step is still running.`},` : sql``}
        lease_until = case when state = 'running' or ${back} then now() + make_interval(secs => ${LEASE_SECONDS}) else lease_until end
      where id = ${itemId}`);
    if (back) {
      await tx.execute(sql`
        update customer_steps s set run_state = 'running', version = s.version + 1, updated_at = now()
        from run_items i where i.id = ${itemId} and s.id = i.customer_step_id`);
      // A run that had nothing left but this item ended when its lease ran out; it goes on.
      await tx.execute(sql`update runs set status = 'active', finished_at = null where id = ${Number(item.run_id)} and status = 'finished'`);
    }
    const decided = item.state === "unknown" && !back;
    return { cancel: Boolean(item.cancel) || decided, leaseLost: decided, leaseSeconds: LEASE_SECONDS };
  });
}

async function sameTextAsRan(tx: DbOrTx, item: Record<string, unknown>): Promise<boolean> {
  const now = (await renderForRun(tx, [Number(item.customer_step_id)])).get(Number(item.customer_step_id));
  return now !== undefined && contentSha256(now.content) === String(item.content_sha256);
}

export type Outcome = { exitCode: number | null; durationMs: number; timedOut: boolean; cancelled: boolean; error?: string };

/**
 * The agent's last word on an item. Exit 0 → the step is done: executed by the person who started
 * the run, via this agent, with what ran (the text fixed at claim, its SHA-256), the exit code, the
 * duration and where the output is, in its history and the ledger. Anything else → failed, with
 * the same evidence: a person decides (retry, skip, or mark done by hand). A report that arrives
 * after the lease ran out settles the "outcome unknown" as what really happened — unless a person
 * has decided meanwhile. At most once either way: nothing here queues the step again.
 */
export async function finishRunItem(agent: AgentContext, itemId: number, outcome: Outcome, db = getDb()): Promise<{ state: "done" | "failed" | "ignored" }> {
  return db.transaction(async (tx) => {
    const [item] = executedRows(
      await tx.execute(sql`
        select i.id, i.run_id, i.state, i.customer_step_id, i.customer_id, i.position, i.content, i.content_sha256, i.cancel_requested_at, i.timeout_seconds,
               i.output_bytes, s.run_state, s.name as step_name, s.release_id, r.started_by_id, u.name as started_by,
               c.name as customer_name, c.namespace, k.name as cluster_name, rl.name as release_name, rl.version_number,
               not exists (select 1 from run_items n where n.customer_step_id = i.customer_step_id and n.id > i.id) as newest
        from run_items i
        join customer_steps s on s.id = i.customer_step_id
        join runs r on r.id = i.run_id
        left join users u on u.id = r.started_by_id
        join customers c on c.id = i.customer_id join clusters k on k.id = c.cluster_id join releases rl on rl.id = i.release_id
        where i.id = ${itemId} and i.agent_id = ${agent.agentId}
        for update of i, s`),
    );
    if (!item) throw notFound("That run item (for this agent)");
    // A report after the lease ran out settles the "outcome unknown" only while nobody has decided
    // (the step is still unknown, this is its newest run) and the step would still run the same
    // text (no edit of its content or its variables since): "done" must be about the text it shows.
    const late = item.state === "unknown" && item.run_state === "unknown" && Boolean(item.newest) && (await sameTextAsRan(tx, item));
    if (item.state !== "running" && !late) return { state: "ignored" as const };
    const ok = outcome.exitCode === 0 && !outcome.timedOut && !outcome.cancelled && !outcome.error;
    const why = ok
      ? null
      : outcome.cancelled
        ? "Cancelled while it ran (the agent stopped it)."
        : outcome.timedOut
          ? `Timed out after ${Number(item.timeout_seconds)} s (the agent stopped it).`
          : outcome.error
            ? `Could not run: ${outcome.error.slice(0, 300)}`
            : `Exit code ${outcome.exitCode}.`;
    const run = { runId: Number(item.run_id), itemId, agent: agent.agentName, exitCode: outcome.exitCode, durationMs: Math.round(outcome.durationMs), sha256: String(item.content_sha256), note: why, late: late || undefined };
    await tx.execute(sql`
      update run_items set state = ${ok ? "done" : "failed"}, finished_at = now(), exit_code = ${outcome.exitCode}, duration_ms = ${run.durationMs},
        note = ${late ? `${why ?? "Exit code 0."} (reported after the lease ran out)` : why}, lease_until = null
      where id = ${itemId}`);
    const startedBy = item.started_by_id === null ? null : Number(item.started_by_id);
    const detail = JSON.stringify({ ran: String(item.content), run });
    if (ok) {
      await tx.execute(sql`
        with upd as (
          update customer_steps s set status = 'done', executed_at = now(), executed_by_id = ${startedBy}, skip_reason = null, run_state = null,
            version = s.version + 1, updated_by_id = ${startedBy}, updated_at = now()
          where s.id = ${Number(item.customer_step_id)}
          returning s.id, s.release_id, s.customer_id, s.name
        ), ev as (
          insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
          select id, release_id, customer_id, 'marked_done', ${startedBy}, ${detail}::jsonb from upd
        )
        insert into audit_log (actor_id, actor_name, action, entity_type, entity_id, summary, after)
        select ${startedBy}, ${String(item.started_by ?? "system")}, 'customer_step.run_done', 'customer_step', upd.id::text,
               'Ran "' || upd.name || '" via agent ' || ${agent.agentName} || ': exit 0', ${JSON.stringify(run)}::jsonb
        from upd`);
    } else {
      await tx.execute(sql`
        with upd as (
          update customer_steps s set run_state = 'failed', version = s.version + 1, updated_by_id = ${startedBy}, updated_at = now()
          where s.id = ${Number(item.customer_step_id)}
          returning s.id, s.release_id, s.customer_id
        )
        insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
        select id, release_id, customer_id, 'run_failed', ${startedBy}, ${detail}::jsonb from upd`);
      await enqueueWebhook(tx, "step.failed", {
        release: { id: Number(item.release_id), name: String(item.release_name), version: (item.version_number as string | null) ?? null },
        customer: { id: Number(item.customer_id), name: String(item.customer_name), namespace: String(item.namespace), cluster: String(item.cluster_name) },
        step: { id: Number(item.customer_step_id), name: String(item.step_name) },
        run: { id: run.runId, itemId },
        agent: agent.agentName,
        exitCode: outcome.exitCode,
        reason: why,
        by: item.started_by ?? null,
      });
    }
    await settleRun(tx, run.runId, [{ customerId: Number(item.customer_id), position: Number(item.position), ok, stepName: String(item.step_name) }]);
    return { state: ok ? ("done" as const) : ("failed" as const) };
  });
}
