import { asc, eq } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { auditLog, customers, releases } from "@/db/schema";
import { markStepDone, revertStep, skipStep, unskipStep } from "@/lib/domain/steps/mutations/transitions";
import { createActor, engine, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, refusal, stepsOf } from "./steps-support";

withTestDatabase();

/**
 * The same database, through a handle that counts what is sent to it: every statement, and every
 * transaction (BEGIN … COMMIT is two more round trips around its statements).
 */
function countingDb(): { db: Db; statements: string[]; transactions: () => number } {
  const statements: string[] = [];
  const logger = { logQuery: (query: string) => void statements.push(query) };
  const client = (getDb() as unknown as { $client: never }).$client;
  const db = (engine === "postgres" ? drizzlePostgres(client, { schema, logger }) : drizzlePglite(client, { schema, logger })) as unknown as Db;
  let transactions = 0;
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: never, config?: never) => (transactions++, transaction(fn, config))) as Db["transaction"];
  return { db, statements, transactions: () => transactions };
}

async function auditOf(stepId: number) {
  return getDb()
    .select({ action: auditLog.action, actorName: auditLog.actorName, summary: auditLog.summary, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(eq(auditLog.entityId, String(stepId)))
    .orderBy(asc(auditLog.id));
}

describe(`a step change is one round trip (${engine})`, () => {
  it("mark done, revert, skip and un-skip each send one statement and no transaction", async () => {
    const riley = await createActor("release_manager", "Riley Lean");
    const { release, a } = await activatedRelease();
    const [first, second] = await stepsOf(release.id, a.id);
    const c = countingDb();
    const done = await markStepDone({ stepId: first.id, version: first.version, notes: "build 7" }, riley, { db: c.db });
    const reverted = await revertStep({ stepId: first.id, version: done.version, reason: "bad image" }, riley, { db: c.db });
    const skipped = await skipStep({ stepId: second.id, version: second.version, reason: "Not on this cluster" }, riley, { db: c.db });
    await unskipStep({ stepId: second.id, version: skipped.version }, riley, { db: c.db });
    expect(c.statements).toHaveLength(4);
    expect(c.transactions()).toBe(0);
    expect(reverted.status).toBe("reverted");
  });

  it("writes the same history and audit rows as the transaction it replaced", async () => {
    const riley = await createActor("release_manager", "Riley Rows");
    const sam = await createActor("release_manager", "Sam Rows");
    const { release, a } = await activatedRelease();
    const [first, second] = await stepsOf(release.id, a.id);

    const done = await markStepDone({ stepId: first.id, version: first.version, notes: "  build 7 " }, riley);
    expect(done).toMatchObject({ status: "done", notes: "build 7", executedById: riley.id, updatedById: riley.id, version: first.version + 1, skipReason: null });
    expect(done.executedAt).toBeInstanceOf(Date);
    expect(done.updatedAt.getTime()).toBe(done.executedAt!.getTime());
    const reverted = await revertStep({ stepId: first.id, version: done.version, reason: "bad image" }, sam);
    expect(reverted).toMatchObject({ status: "reverted", executedAt: null, executedById: null, notes: "build 7", updatedById: sam.id });

    const events = await eventsOf(first.id);
    expect(events.map((e) => [e.kind, e.actorId, e.detail])).toEqual([
      // What ran is kept with it (the content; it has no variables, so no values).
      ["marked_done", riley.id, { notes: "build 7", ran: first.content }],
      // Who did it and when stays in the history, to the millisecond as the panel shows it.
      ["reverted", sam.id, { reason: "bad image", executedAt: done.executedAt!.toISOString(), executedById: riley.id }],
    ]);
    expect(events[0].createdAt.getTime()).toBe(done.executedAt!.getTime());
    expect(await auditOf(first.id)).toEqual([
      { action: "customer_step.mark_done", actorName: "Riley Rows", summary: `Marked "${first.name}" done`, before: { status: "pending" }, after: { status: "done", notes: "build 7" } },
      { action: "customer_step.revert", actorName: "Sam Rows", summary: `Reverted "${first.name}": bad image`, before: { status: "done" }, after: { status: "reverted" } },
    ]);

    const skipped = await skipStep({ stepId: second.id, version: second.version, reason: "Not here" }, riley);
    await unskipStep({ stepId: second.id, version: skipped.version }, riley);
    expect((await eventsOf(second.id)).map((e) => [e.kind, e.detail])).toEqual([
      ["skipped", { reason: "Not here" }],
      ["unskipped", { previousReason: "Not here" }],
    ]);
    expect(await auditOf(second.id)).toEqual([
      { action: "customer_step.skip", actorName: "Riley Rows", summary: `Skipped "${second.name}": Not here`, before: { status: "pending" }, after: { status: "skipped", reason: "Not here" } },
      { action: "customer_step.unskip", actorName: "Riley Rows", summary: `Un-skipped "${second.name}"`, before: { status: "skipped", reason: "Not here" }, after: { status: "pending" } },
    ]);
  });

  it("refuses with the same words, and writes nothing, when a check fails", async () => {
    const riley = await createActor("release_manager", "Riley Refused");
    const sam = await createActor("release_manager", "Sam Winner");
    const { release, a, b } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const done = await markStepDone({ stepId: step.id, version: step.version, notes: "" }, sam);

    const stale = await refusal(() => markStepDone({ stepId: step.id, version: step.version, notes: "" }, riley));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toMatch(/Sam Winner/);
    expect((await refusal(() => markStepDone({ stepId: step.id, version: done.version, notes: "" }, riley))).message).toBe("This step is already done.");
    expect((await refusal(() => skipStep({ stepId: step.id, version: done.version, reason: "x" }, riley))).message).toBe("This step is done. Revert it before skipping it.");
    expect((await refusal(() => markStepDone({ stepId: 2_000_000_000, version: 1, notes: "" }, riley))).code).toBe("not_found");

    const [bStep] = await stepsOf(release.id, b.id);
    await getDb().update(customers).set({ isActive: false }).where(eq(customers.id, b.id));
    expect((await refusal(() => markStepDone({ stepId: bStep.id, version: bStep.version, notes: "" }, riley))).message).toMatch(/is archived: its steps are read-only/);
    await getDb().update(customers).set({ isActive: true }).where(eq(customers.id, b.id));
    await getDb().update(releases).set({ status: "archived" }).where(eq(releases.id, release.id));
    expect((await refusal(() => markStepDone({ stepId: bStep.id, version: bStep.version, notes: "" }, riley))).message).toBe(
      "This release is archived: its steps can only change while it is active.",
    );

    expect((await eventsOf(step.id)).map((e) => e.actorId)).toEqual([sam.id]);
    expect(await eventsOf(bStep.id)).toEqual([]);
    expect(await auditOf(bStep.id)).toEqual([]);
  });
});
