import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customerSteps } from "@/db/schema";
import { executedRows, rowOf } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import type { StepEventKind, StepStatus } from "@/db/schema/vocabulary";
import type { StepRow } from "./guard";
import { stageOpen } from "@/lib/domain/stages/queries/stage-of";

export type TransitionSpec = {
  /** The states the change may start from (the caller refuses anything else, in words). */
  from: StepStatus[];
  /** The SET list for the step, besides version, updated_by_id and updated_at. */
  set: SQL;
  event: StepEventKind;
  /** The history row's detail (jsonb); `cur` is the step as it was before the change. */
  eventDetail: SQL;
  audit: { action: string; summary: SQL; before: SQL; after: SQL };
  /** A further condition on the step `s` (e.g. four eyes for "done"); the caller explains a refusal. */
  guard?: SQL;
  /** A note may be added while an agent runs the step; no other change may (the run decides its outcome). */
  whileRunning?: boolean;
};

/**
 * A step transition as one statement, so the whole change is one round trip to the database
 * (HOUSE.md: one transaction; a single statement is one): `cur` reads the step only if the
 * version the user saw is still current, it is not removed, its release is active, its customer
 * not archived, its stage open (stages/queries/stage-of.ts) and its status one the change starts from; the UPDATE re-checks the version (a
 * writer that committed meanwhile makes it match nothing); the history and audit rows are
 * inserted from the updated row, so all three commit together or not at all. Locks: the step's
 * row, then KEY SHARE on the release through the foreign keys, as before (releases/mutations/lock.ts).
 *
 * No row back means one of the checks failed: the caller works out which, with the same reads
 * and words as the slow path, off the success path.
 */
export async function runTransition(db: DbOrTx, input: { stepId: number; version: number }, actor: Actor, spec: TransitionSpec): Promise<StepTransition | null> {
  const from = sql.join(
    spec.from.map((s) => sql`${s}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    with cur as (
      select s.id, s.version, s.status, s.skip_reason, s.executed_at, s.executed_by_id, s.notes
      from customer_steps s
      join releases r on r.id = s.release_id
      join customers c on c.id = s.customer_id
      where s.id = ${input.stepId} and s.version = ${input.version} and s.removed_at is null
        and r.status = 'active' and c.is_active and s.status::text in (${from}) ${spec.guard ?? sql``}
        ${spec.whileRunning ? sql`` : sql`and s.run_state is distinct from 'running'`}
        and ${stageOpen(sql`s`, sql`c`)}
    ), upd as (
      update customer_steps s
      set ${spec.set}, version = s.version + 1, updated_by_id = ${actor.id}, updated_at = now()
      from cur
      where s.id = cur.id and s.version = cur.version
      returning s.*
    ), event as (
      insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
      select upd.id, upd.release_id, upd.customer_id, ${spec.event}::step_event_kind, ${actor.id}, ${spec.eventDetail}
      from upd, cur
      returning id, kind, detail, created_at
    ), audit as (
      insert into audit_log (actor_id, actor_name, action, entity_type, entity_id, summary, before, after)
      select ${actor.id}, ${actor.name}, ${spec.audit.action}, 'customer_step', upd.id::text, ${spec.audit.summary}, ${spec.audit.before}, ${spec.audit.after}
      from upd, cur
    ), unqueued as (
      -- Decided by a person before an agent claimed it: the queued run item is cancelled, saying why.
      update run_items i set state = 'cancelled', finished_at = now(),
        note = 'Cancelled before it ran: ' || ${actor.name} || ' changed the step (' || ${spec.event} || ').'
      from upd where i.customer_step_id = upd.id and i.state = 'queued' and upd.run_state is null
    )
    select upd.*, event.id as event_id, event.kind as event_kind, event.detail as event_detail, event.created_at as event_at from upd, event
  `);
  const [raw] = executedRows(result);
  if (!raw) return null;
  // The history entry it wrote comes back with the step, so the answer needs no second read.
  const event: StepTransitionEvent = {
    id: Number(raw.event_id),
    kind: raw.event_kind as StepEventKind,
    detail: (typeof raw.event_detail === "string" ? JSON.parse(raw.event_detail) : raw.event_detail) as Record<string, unknown>,
    createdAt: new Date(raw.event_at as string | Date),
    actorName: actor.name,
  };
  return { ...rowOf(customerSteps, raw), event };
}

/** The history row a transition appended, as `buildHistory` reads event rows. */
export type StepTransitionEvent = { id: number; kind: StepEventKind; detail: Record<string, unknown>; createdAt: Date; actorName: string | null };
/** The step after a transition, with the history row it appended. */
export type StepTransition = StepRow & { event: StepTransitionEvent };

/** A JSON value as a jsonb parameter. */
export const jsonb = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
/** An ISO-8601 UTC timestamp string, exactly as `Date.toISOString()` writes it. */
export const isoText = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
