import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { subscribeToChanges } from "@/lib/domain/live/queries/changes";
import type { LiveChange } from "@/lib/domain/live/types";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, stepsOf } from "./steps-support";

/**
 * Live updates start in the committing transaction: the database announces a change when it
 * commits (never one that rolled back), with the changed steps' new state and who made it.
 */
withTestDatabase();

/** Collects announcements until `until` holds (or 3 s pass). */
async function collect(run: () => Promise<unknown>, until: (seen: LiveChange[]) => boolean = (s) => s.length > 0): Promise<LiveChange[]> {
  const seen: LiveChange[] = [];
  const stop = await subscribeToChanges((c) => seen.push(c));
  try {
    // Announcements of the test's own setup may still be on their way: let them pass first.
    await new Promise((r) => setTimeout(r, 300));
    seen.length = 0;
    await run();
    const deadline = Date.now() + 3000;
    while (!until(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100)); // anything late that should not be there
    return seen;
  } finally {
    stop();
  }
}

describe("live announcements", () => {
  it("a step marked done is announced once it commits, with its new status, version and who did it", async () => {
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const rm = await createActor("release_manager", "Sam Live");
    const { markStepDone } = await import("@/lib/domain/steps/mutations/transitions");
    const seen = await collect(() => markStepDone({ stepId: step.id, version: step.version, notes: "" }, rm));
    expect(seen).toEqual([{ kind: "steps", releaseId: release.id, count: 1, steps: [[step.id, a.id, "done", step.version + 1]], actorId: rm.id, actorName: "Sam Live" }]);
  });

  it("a change that rolls back is never announced", async () => {
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const seen = await collect(async () => {
      await getDb()
        .transaction(async (tx) => {
          await tx.execute(sql`update customer_steps set status = 'done', version = version + 1 where id = ${step.id}`);
          throw new Error("roll back");
        })
        .catch(() => undefined);
    });
    expect(seen).toEqual([]);
  });

  it("a large change is one announcement with its count; a release's own change says which release", async () => {
    const { release } = await activatedRelease();
    const seen = await collect(async () => {
      await getDb().execute(sql`update customer_steps set notes = 'x', version = version + 1 where release_id = ${release.id}`);
      await getDb().execute(sql`update releases set description = 'changed' where id = ${release.id}`);
    }, (s) => s.length >= 2);
    expect(seen).toEqual([
      { kind: "steps", releaseId: release.id, count: 8, steps: expect.any(Array), actorId: null, actorName: null },
      { kind: "release", releaseId: release.id },
    ]);
  });
});
