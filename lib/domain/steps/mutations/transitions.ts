import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidField, invalidState } from "@/lib/domain/errors";
import type { MarkDoneInput, RevertInput, SkipInput, StepOnlyInput } from "../input";
import { appendEvent, applyChange, loadForChange, type StepRow } from "./guard";
import type { StepStatus } from "@/db/schema/vocabulary";

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
const allowed: Record<"done" | "skip" | "unskip" | "revert", StepStatus[]> = {
  done: ["pending", "reverted"],
  skip: ["pending", "reverted"],
  unskip: ["skipped"],
  revert: ["done"],
};

const refusals: Record<keyof typeof allowed, Partial<Record<StepStatus, string>>> = {
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

export async function markStepDone(input: MarkDoneInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    assertTransition(step, "done");
    const notes = input.notes.trim();
    const row = await applyChange(
      tx,
      step,
      // The transaction's own clock, as the history and audit rows use: one event, one instant.
      { status: "done", executedAt: sql`now()`, executedById: actor.id, skipReason: null, ...(notes ? { notes } : {}) },
      actor,
    );
    await appendEvent(tx, row, "marked_done", actor, notes ? { notes } : {});
    await recordAudit(tx, actor, {
      action: "customer_step.mark_done",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Marked "${row.name}" done`,
      before: { status: step.status },
      after: { status: row.status, notes },
    });
    return row;
  });
}

export async function skipStep(input: SkipInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  const reason = input.reason.trim();
  // BR-S03, enforced here too so no caller (bulk, scripts) can skip without a reason.
  if (!reason) throw invalidField("reason", "A reason is required to skip a step.");
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    assertTransition(step, "skip");
    const row = await applyChange(tx, step, { status: "skipped", skipReason: reason, executedAt: null, executedById: null }, actor);
    await appendEvent(tx, row, "skipped", actor, { reason });
    await recordAudit(tx, actor, {
      action: "customer_step.skip",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Skipped "${row.name}": ${reason}`,
      before: { status: step.status },
      after: { status: row.status, reason },
    });
    return row;
  });
}

export async function unskipStep(input: StepOnlyInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    assertTransition(step, "unskip");
    // The reason stays in the history; the row goes back to a plain pending step.
    const row = await applyChange(tx, step, { status: "pending", skipReason: null }, actor);
    await appendEvent(tx, row, "unskipped", actor, { previousReason: step.skipReason });
    await recordAudit(tx, actor, {
      action: "customer_step.unskip",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Un-skipped "${row.name}"`,
      before: { status: step.status, reason: step.skipReason },
      after: { status: row.status },
    });
    return row;
  });
}

/** BR-R04: the step becomes "reverted" (work to redo); who did it and when stays in the history. */
export async function revertStep(input: RevertInput, actor: Actor, { db = getDb() }: Options = {}): Promise<StepRow> {
  return db.transaction(async (tx) => {
    const step = await loadForChange(tx, input.stepId, input.version);
    assertTransition(step, "revert");
    const reason = input.reason.trim();
    const row = await applyChange(tx, step, { status: "reverted", executedAt: null, executedById: null }, actor);
    await appendEvent(tx, row, "reverted", actor, {
      ...(reason ? { reason } : {}),
      executedAt: step.executedAt?.toISOString() ?? null,
      executedById: step.executedById,
    });
    await recordAudit(tx, actor, {
      action: "customer_step.revert",
      entityType: "customer_step",
      entityId: row.id,
      summary: `Reverted "${row.name}"${reason ? `: ${reason}` : ""}`,
      before: { status: step.status },
      after: { status: row.status },
    });
    return row;
  });
}
