import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, openDatabase, type Db } from "@/db/client";
import { column, rawRows } from "@/db/raw";
import { markStepDone, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { addCustomStep } from "@/lib/domain/steps/mutations/custom";
import { withDatabase } from "../support/global-setup";
import { createActor, engine, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, stepsOf } from "./steps-support";

withTestDatabase();

/**
 * Two release managers on two separate connection pools (two app servers, in effect) act on the
 * same step at the same moment. Real Postgres only: PGlite is one connection, so there is no race.
 * It also guards against the postgres.js issue where a transaction's connection is shared with
 * unrelated queries under load (ENVIRONMENT.md): that would show up as two winners or lost events.
 */
describe.skipIf(engine !== "postgres")("two connections racing on one step (Postgres)", () => {
  let left: { db: Db; close: () => Promise<void> };
  let right: { db: Db; close: () => Promise<void> };

  beforeAll(async () => {
    const [{ name }] = await rawRows(getDb(), { name: column.text("name") }, sql`select current_database() as name`);
    const url = withDatabase(process.env.TEST_DATABASE_URL!, name);
    left = openDatabase({ databaseUrl: url });
    right = openDatabase({ databaseUrl: url });
  });
  afterAll(async () => {
    await left?.close();
    await right?.close();
  });

  it("mark done vs mark done, 50 times: exactly one winner, one conflict, one event", async () => {
    const riley = await createActor("release_manager", "Riley Release");
    const sam = await createActor("release_manager", "Sam Shipper");
    for (let round = 0; round < 50; round++) {
      const { release, a } = await activatedRelease();
      const [step] = await stepsOf(release.id, a.id);
      const results = await Promise.allSettled([
        markStepDone({ stepId: step.id, version: step.version, notes: "riley" }, riley, { db: left.db }),
        markStepDone({ stepId: step.id, version: step.version, notes: "sam" }, sam, { db: right.db }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/^This step was changed by (Riley Release|Sam Shipper) just now\. Nothing was overwritten/) });
      expect(await eventsOf(step.id)).toHaveLength(1);
    }
  });

  it("mark done vs skip, 50 times: one outcome wins, the row matches its single event", async () => {
    const riley = await createActor("release_manager");
    const sam = await createActor("release_manager");
    for (let round = 0; round < 50; round++) {
      const { release, a } = await activatedRelease();
      const [step] = await stepsOf(release.id, a.id);
      const results = await Promise.allSettled([
        markStepDone({ stepId: step.id, version: step.version, notes: "" }, riley, { db: left.db }),
        skipStep({ stepId: step.id, version: step.version, reason: "not needed" }, sam, { db: right.db }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [final] = await stepsOf(release.id, a.id);
      const events = await eventsOf(step.id);
      expect(events).toHaveLength(1);
      expect(events[0].kind).toBe(final.status === "done" ? "marked_done" : "skipped");
      expect(final.version).toBe(step.version + 1);
    }
  });

  it("concurrent custom inserts into one gap never share an order index", async () => {
    const rm = await createActor("release_manager");
    const { release, a } = await activatedRelease();
    const [t0] = await stepsOf(release.id, a.id);
    const add = (db: Db, name: string) =>
      addCustomStep(
        { releaseId: release.id, customerId: a.id, name, category: "deploy", type: "bash", content: "", description: "", position: { where: "after", anchorId: t0.id }, addToTemplate: false },
        rm,
        { db },
      );
    for (let i = 0; i < 20; i++) await Promise.all([add(left.db, `l${i}`), add(right.db, `r${i}`)]);
    const indexes = (await stepsOf(release.id, a.id)).map((s) => s.orderIndex);
    expect(indexes).toHaveLength(43);
    expect(new Set(indexes).size).toBe(43);
  });
});
