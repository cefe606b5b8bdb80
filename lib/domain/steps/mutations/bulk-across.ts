import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState } from "@/lib/domain/errors";
import { ranDetail } from "@/lib/domain/content/queries/ran-sql";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import { stageOpen } from "@/lib/domain/stages/queries/stage-of";
import type { StepStatus } from "@/db/schema/vocabulary";
import type { BulkChangeInput } from "../input";
import { unreviewedRefused } from "./transitions";
import { leftSummary, type BulkChangeResult, type LeftReason } from "@/lib/domain/steps/model/bulk";

const from: Record<BulkChangeInput["change"], StepStatus[]> = { done: ["pending", "reverted"], skip: ["pending", "reverted"], revert: ["done"] };
const eventKind = { done: "marked_done", skip: "skipped", revert: "reverted" } as const;

/**
 * Bulk across customers (issue 19): one transaction, one set-based statement for the change —
 * the UPDATE takes only the rows whose version is the one the user saw and that every rule lets
 * change (state, stage open, four eyes, customer active), and its RETURNING feeds one INSERT of
 * their history entries — then one read that says why each other row was left. One audit entry
 * for the bulk action with its row count. The release lock orders it with other many-step
 * changes (releases/mutations/lock.ts).
 */
export async function bulkChange(input: BulkChangeInput, actor: Actor, { db = getDb() }: { db?: Db } = {}): Promise<BulkChangeResult> {
  return db.transaction(async (tx) => {
    const release = await lockRelease(tx, input.releaseId);
    if (release.status !== "active") throw invalidState(`This release is ${release.status}: its steps can only change while it is active.`);
    const ids = input.steps.map((s) => s.stepId);
    const versions = input.steps.map((s) => s.version);
    const states = sql.join(from[input.change].map((s) => sql`${s}`), sql`, `);
    const notes = input.notes.trim();
    const reason = input.reason.trim();
    const set =
      input.change === "done"
        ? sql`status = 'done', executed_at = now(), executed_by_id = ${actor.id}, skip_reason = null, run_state = null, notes = case when ${notes} = '' then s.notes else ${notes} end`
        : input.change === "skip"
          ? sql`status = 'skipped', skip_reason = ${reason}, executed_at = null, executed_by_id = null, run_state = null`
          : sql`status = 'reverted', executed_at = null, executed_by_id = null`;
    const detail =
      input.change === "done"
        ? sql`${JSON.stringify({ bulk: true, ...(notes ? { notes } : {}) })}::jsonb || ${ranDetail("upd")}`
        : input.change === "skip"
          ? sql`${JSON.stringify({ bulk: true, reason })}::jsonb`
          : sql`${JSON.stringify({ bulk: true, ...(reason ? { reason } : {}) })}::jsonb || jsonb_build_object('executedAt', to_char(cur.executed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'executedById', cur.executed_by_id)`;
    const rows = executedRows(
      await tx.execute(sql`
        with picked as (
          select * from unnest(${`{${ids.join(",")}}`}::bigint[], ${`{${versions.join(",")}}`}::integer[]) as p(id, version)
        ), cur as (
          select s.id, s.executed_at, s.executed_by_id from customer_steps s
          join picked p on p.id = s.id and p.version = s.version
          join customers c on c.id = s.customer_id
          where s.release_id = ${input.releaseId} and s.removed_at is null and c.is_active
            and s.status::text in (${states})
            and ${stageOpen(sql`s`, sql`c`)}
            and s.run_state is distinct from 'running'
            ${input.change === "done" ? unreviewedRefused : sql``}
          order by s.id
          for update of s
        ), upd as (
          update customer_steps s
          set ${set}, version = s.version + 1, updated_by_id = ${actor.id}, updated_at = now()
          from cur where s.id = cur.id
          returning s.*
        ), unqueued as (
          update run_items i set state = 'cancelled', finished_at = now(), note = 'Cancelled before it ran: ' || ${actor.name} || ' changed the step in a bulk change.'
          from upd where i.customer_step_id = upd.id and i.state = 'queued' and upd.run_state is null
        ), ev as (
          insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
          select upd.id, upd.release_id, upd.customer_id, ${eventKind[input.change]}::step_event_kind, ${actor.id}, ${detail}
          from upd join cur on cur.id = upd.id
        )
        select upd.id, upd.customer_id, upd.status, upd.version from upd
      `),
    );
    const changed = rows.map((r) => ({ id: Number(r.id), customerId: Number(r.customer_id), status: r.status as StepStatus, version: Number(r.version) }));
    const done = new Set(changed.map((c) => c.id));
    const rest = input.steps.filter((s) => !done.has(s.stepId));
    const left: BulkChangeResult["left"] = [];
    if (rest.length) {
      // Why each other row was left: the same rules, asked one by one in one read.
      const why = executedRows(
        await tx.execute(sql`
          with picked as (
            select * from unnest(${`{${rest.map((s) => s.stepId).join(",")}}`}::bigint[], ${`{${rest.map((s) => s.version).join(",")}}`}::integer[]) as p(id, version)
          )
          select p.id,
            case
              when s.id is null or s.removed_at is not null then 'removed'
              when s.version <> p.version then 'changed_by_someone_else'
              when not c.is_active then 'customer_archived'
              when s.status::text not in (${states}) then 'not_applicable'
              when not ${stageOpen(sql`s`, sql`c`)} then 'stage_not_open'
              when s.run_state = 'running' then 'running'
              else 'awaiting_review'
            end as reason
          from picked p
          left join customer_steps s on s.id = p.id and s.release_id = ${input.releaseId}
          left join customers c on c.id = s.customer_id
        `),
      );
      for (const w of why) left.push({ id: Number(w.id), reason: w.reason as LeftReason });
    }
    const leftBy: BulkChangeResult["leftBy"] = {};
    for (const l of left) leftBy[l.reason] = (leftBy[l.reason] ?? 0) + 1;
    if (changed.length === 0) {
      throw invalidState(`Nothing was changed: ${leftSummary(leftBy)}.`);
    }
    const customers = new Set(changed.map((c) => c.customerId)).size;
    const verb = { done: "Marked", skip: "Skipped", revert: "Reverted" }[input.change];
    await recordAudit(tx, actor, {
      action: `customer_step.bulk_${input.change}`,
      entityType: "release",
      entityId: input.releaseId,
      summary: `${verb} ${changed.length} step${changed.length === 1 ? "" : "s"}${input.change === "done" ? " done" : ""} for ${customers} customer${customers === 1 ? "" : "s"} in "${release.name}"${reason ? `: ${reason}` : ""}${left.length ? ` (${left.length} left as they were)` : ""}`,
      after: { change: input.change, changed: changed.length, customers, left: left.length, leftBy, reason: reason || undefined, notes: notes || undefined },
    });
    return { changed, left, leftBy };
  });
}
