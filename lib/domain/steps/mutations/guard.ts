import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { customerSteps, customers, releases, stepEvents, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { type DomainError, invalidState, notFound } from "@/lib/domain/errors";
import { staleEdit } from "@/lib/domain/shared/conflict";
import type { StepEventKind } from "@/db/schema/vocabulary";
import { cancelQueuedItems } from "@/lib/domain/runs/mutations/cancel-queued";

export type StepRow = typeof customerSteps.$inferSelect;

/** The loser of a race: who changed the step and when, read from the row as it is now. */
export async function staleConflict(tx: DbOrTx, stepId: number): Promise<DomainError> {
  const [row] = await tx
    .select({ updatedAt: customerSteps.updatedAt, name: users.name, removedAt: customerSteps.removedAt })
    .from(customerSteps)
    .leftJoin(users, eq(users.id, customerSteps.updatedById))
    .where(eq(customerSteps.id, stepId));
  if (!row) return notFound("The step");
  return staleEdit({ subject: "This step", by: row.name, at: row.updatedAt, removed: Boolean(row.removedAt) });
}

/**
 * Reads the step for a change and checks the version the user saw. A stale version is a conflict
 * (it also stops a double-click or a retried submission from acting twice). Only steps of an
 * active release can change: draft releases have no customer steps, archived ones are read-only.
 */
export async function loadForChange(tx: DbOrTx, stepId: number, version: number): Promise<StepRow> {
  const [row] = await tx
    .select({ step: customerSteps, releaseStatus: releases.status, customerName: customers.name, customerActive: customers.isActive })
    .from(customerSteps)
    .innerJoin(releases, eq(releases.id, customerSteps.releaseId))
    .innerJoin(customers, eq(customers.id, customerSteps.customerId))
    .where(eq(customerSteps.id, stepId));
  if (!row) throw notFound("The step");
  if (row.step.version !== version) throw await staleConflict(tx, stepId);
  if (row.step.removedAt) throw notFound("The step");
  if (row.releaseStatus !== "active") {
    throw invalidState(`This release is ${row.releaseStatus}: its steps can only change while it is active.`);
  }
  // BR-M03: an archived customer is out of the releases under way; its steps wait, read-only.
  if (!row.customerActive) throw invalidState(archivedRefusal(row.customerName));
  return row.step;
}

/**
 * The guarded write: `UPDATE … WHERE id = $1 AND version = $2`, bumping the version. No row back
 * means someone else got there first (between our read and this write): a conflict, and the
 * transaction rolls back so nothing is overwritten.
 */
export async function applyChange(
  tx: DbOrTx,
  step: StepRow,
  changes: PgUpdateSetSource<typeof customerSteps>,
  actor: Actor,
): Promise<StepRow> {
  const [row] = await tx
    .update(customerSteps)
    .set({ ...changes, version: sql`${customerSteps.version} + 1`, updatedById: actor.id, updatedAt: sql`now()` })
    .where(and(eq(customerSteps.id, step.id), eq(customerSteps.version, step.version)))
    .returning();
  if (!row) throw await staleConflict(tx, step.id);
  return row;
}

export async function appendEvent(
  tx: DbOrTx,
  step: Pick<StepRow, "id" | "releaseId" | "customerId">,
  kind: StepEventKind,
  actor: Actor,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(stepEvents).values({
    customerStepId: step.id,
    releaseId: step.releaseId,
    customerId: step.customerId,
    kind,
    actorId: actor.id,
    detail,
  });
}

export const archivedRefusal = (customerName: string) =>
  `${customerName} is archived: its steps are read-only until the customer is restored.`;

/**
 * BR-R03: a done step's content is locked until it is reverted; a step an agent is running is
 * locked until the run ends (what runs was fixed when the agent claimed it).
 */
export function assertUnlocked(step: StepRow, what: string): void {
  if (step.status === "done") {
    throw invalidState(`This step is done, so its content is locked. Revert it before you ${what}.`);
  }
  if (step.runState === "running") {
    throw invalidState(`An agent is running this step, so its content is locked until the run ends. Wait for it, or cancel the run, before you ${what}.`);
  }
}

/** A step's own content changed: a run queued for the old text is cancelled, with a notice. */
export async function cancelQueuedRunOf(tx: DbOrTx, step: Pick<StepRow, "id">, actor: Actor, what: string): Promise<number> {
  return cancelQueuedItems(tx, { where: sql`customer_step_id = ${step.id}`, note: `Cancelled before it ran: ${actor.name} ${what}.` });
}
