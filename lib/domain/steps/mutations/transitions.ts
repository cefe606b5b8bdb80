import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { invalidField, invalidState } from "@/lib/domain/errors";
import type { AddNoteInput, MarkDoneInput, RevertInput, SkipInput, StepOnlyInput } from "../input";
import { loadForChange, staleConflict, type StepRow } from "./guard";
import { isoText, jsonb, runTransition, type StepTransition, type TransitionSpec } from "./transition-statement";
import { ranDetail } from "@/lib/domain/content/queries/ran-sql";
import { needsReview, reviewFirst } from "./review";
import { awaitingReview } from "@/lib/domain/steps/queries/review-sql";
import type { StepStatus } from "@/db/schema/vocabulary";
import { assertStageOpen } from "@/lib/domain/stages/mutations/gate";

/**
 * The execution state machine (FET-001..003, BR-R04, BR-S03):
 *
 *   pending ──mark done──▶ done ──revert──▶ reverted ──mark done──▶ done
 *   pending ──skip──▶ skipped ──un-skip──▶ pending
 *   reverted ──skip──▶ skipped   (a reverted step is work to redo; the team may decide not to)
 *
 * Refused, with the rule in words: done → skipped (revert first), skipped → done (un-skip first),
 * and any transition from a state it does not start from. Every accepted transition appends one
 * event; the version check makes a repeated submission a conflict, not a second event.
 */
const allowed: Record<"done" | "skip" | "unskip" | "revert" | "note", StepStatus[]> = {
  done: ["pending", "reverted"],
  // A note (a CI job's link, an observation) changes no state: any step may take one.
  note: ["pending", "done", "skipped", "reverted"],
  skip: ["pending", "reverted"],
  unskip: ["skipped"],
  revert: ["done"],
};

const refusals: Record<keyof typeof allowed, Partial<Record<StepStatus, string>>> = {
  note: {},
  done: { done: "This step is already done.", skipped: "This step is skipped. Un-skip it before marking it done." },
  skip: { done: "This step is done. Revert it before skipping it.", skipped: "This step is already skipped." },
  unskip: { pending: "This step is not skipped.", done: "This step is done, not skipped.", reverted: "This step is not skipped." },
  revert: {
    pending: "Only a done step can be reverted; this one is pending.",
    skipped: "Only a done step can be reverted; this one is skipped (un-skip it instead).",
    reverted: "This step is already reverted.",
  },
};

function assertTransition(step: StepRow, action: keyof typeof allowed): void {
  if (!allowed[action].includes(step.status)) {
    throw invalidState(refusals[action][step.status] ?? `This step is ${step.status}; that change is not possible now.`);
  }
}

type Options = { db?: Db };

/**
 * Each transition is one statement on the success path (transition-statement.ts). When it
 * changes nothing, one of its checks failed: the step is read as the slow path read it, so the
 * answer (not found, archived customer, release not active, a conflict naming who changed it,
 * or the rule in words) is exactly what it always was.
 */
async function transition(db: Db, input: StepOnlyInput, actor: Actor, action: keyof typeof allowed, spec: Omit<TransitionSpec, "from">): Promise<StepTransition> {
  const row = await runTransition(db, input, actor, { ...spec, from: allowed[action] });
  if (row) return row;
  const step = await loadForChange(db, input.stepId, input.version);
  // Release stages: a customer whose stage is not open yet waits, whatever the change.
  await assertStageOpen(db, step.releaseId, step.customerId);
  if (step.runState === "running" && !spec.whileRunning) {
    throw invalidState("An agent is running this step: its outcome decides what happens next. Wait for it to finish, or cancel the run.");
  }
  assertTransition(step, action);
  if (spec.guard && action === "done" && step.reviewedById === null) {
    const review = await needsReview(db, step);
    if (review.needed) throw invalidState(reviewFirst(review.authorName));
  }
  // Every check passes now, so the step changed between the statement and this read.
  throw await staleConflict(db, input.stepId);
}

/** A step is not waiting for a review (review-sql.ts: the one definition of "awaiting review"). */
export const unreviewedRefused = sql`and not ${awaitingReview("s")}`;

const quoted = (text: string) => sql`'"' || upd.name || '"' || ${text}`;

export async function markStepDone(input: MarkDoneInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepTransition> {
  const notes = input.notes.trim();
  return transition(db, input, actor, "done", {
    // The statement's own clock (now()), as the history and audit rows use: one event, one instant.
    // Marked done by hand: a queued run for it is cancelled, a failed or unknown run is settled.
    set: sql`status = 'done', executed_at = now(), executed_by_id = ${actor.id}, skip_reason = null, run_state = null,
             notes = case when ${notes} = '' then s.notes else ${notes} end`,
    event: "marked_done",
    // Four eyes: a copy of a template step that needs review is reviewed first.
    guard: unreviewedRefused,
    // What ran is kept with the entry: the content, and the values its variables took.
    eventDetail: sql`${jsonb(notes ? { notes } : {})} || ${ranDetail("upd")}`,
    audit: {
      action: "customer_step.mark_done",
      summary: sql`'Marked ' || ${quoted(" done")}`,
      before: sql`jsonb_build_object('status', cur.status)`,
      after: jsonb({ status: "done", notes }),
    },
  });
}

export async function skipStep(input: SkipInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepTransition> {
  const reason = input.reason.trim();
  // BR-S03, enforced here too so no caller (bulk, scripts) can skip without a reason.
  if (!reason) throw invalidField("reason", "A reason is required to skip a step.");
  return transition(db, input, actor, "skip", {
    set: sql`status = 'skipped', skip_reason = ${reason}, executed_at = null, executed_by_id = null, run_state = null`,
    event: "skipped",
    eventDetail: jsonb({ reason }),
    audit: {
      action: "customer_step.skip",
      summary: sql`'Skipped ' || ${quoted(`: ${reason}`)}`,
      before: sql`jsonb_build_object('status', cur.status)`,
      after: jsonb({ status: "skipped", reason }),
    },
  });
}

export async function unskipStep(input: StepOnlyInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepTransition> {
  // The reason stays in the history; the row goes back to a plain pending step.
  return transition(db, input, actor, "unskip", {
    set: sql`status = 'pending', skip_reason = null`,
    event: "unskipped",
    eventDetail: sql`jsonb_build_object('previousReason', cur.skip_reason)`,
    audit: {
      action: "customer_step.unskip",
      summary: sql`'Un-skipped ' || ${quoted("")}`,
      before: sql`jsonb_build_object('status', cur.status, 'reason', cur.skip_reason)`,
      after: jsonb({ status: "pending" }),
    },
  });
}

/** BR-R04: the step becomes "reverted" (work to redo); who did it and when stays in the history. */
export async function revertStep(input: RevertInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepTransition> {
  const reason = input.reason.trim();
  return transition(db, input, actor, "revert", {
    set: sql`status = 'reverted', executed_at = null, executed_by_id = null`,
    event: "reverted",
    eventDetail: sql`${jsonb(reason ? { reason } : {})} || jsonb_build_object('executedAt', ${isoText(sql`cur.executed_at`)}, 'executedById', cur.executed_by_id)`,
    audit: {
      action: "customer_step.revert",
      summary: sql`'Reverted ' || ${quoted(reason ? `: ${reason}` : "")}`,
      before: sql`jsonb_build_object('status', cur.status)`,
      after: jsonb({ status: "reverted" }),
    },
  });
}

/**
 * Adds a note to a step in any state (e.g. the CI job that ran it, with its link): appended to the
 * step's notes, kept in its history as "Notes updated" with the link, audited. The step's status
 * and content do not change; its version does, like any change to the row.
 */
export async function addStepNote(input: AddNoteInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepTransition> {
  const note = input.text.trim();
  const link = input.link.trim();
  const line = link ? `${note} ${link}`.trim() : note;
  if (!line) throw invalidField("text", "Write a note or give a link.");
  return transition(db, input, actor, "note", {
    whileRunning: true,
    set: sql`notes = case when s.notes = '' then ${line} else s.notes || E'\n' || ${line} end`,
    event: "notes_updated",
    eventDetail: jsonb(link ? { notes: line, link } : { notes: line }),
    audit: {
      action: "customer_step.add_note",
      summary: sql`'Noted on ' || ${quoted(`: ${line}`)}`,
      before: sql`jsonb_build_object('notes', cur.notes)`,
      after: jsonb({ note: line }),
    },
  });
}
