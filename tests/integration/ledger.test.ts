import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers } from "@/db/schema";
import { getCustomerLedger } from "@/lib/domain/customers/queries/ledger";
import { markStepDone, revertStep, skipStep } from "@/lib/domain/steps/mutations/transitions";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { ledgerCsv } from "@/lib/domain/customers/model/ledger";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, stepsOf } from "./steps-support";

withTestDatabase();

describe("a customer's evidence ledger", () => {
  it("lists what was done, skipped and reverted, newest first, with what ran as it ran; filters by release and event", async () => {
    const rm = await createActor("release_manager", `Ledger Riley ${Date.now()}`);
    const { release, a } = await activatedRelease();
    const [first, second, third] = await stepsOf(release.id, a.id);
    const o = await overrideStepContent({ stepId: first.id, version: first.version, content: "kubectl -n {{ namespace }} rollout restart deploy/api" }, rm);
    const done = await markStepDone({ stepId: first.id, version: o.version, notes: "build 7" }, rm);
    await skipStep({ stepId: second.id, version: second.version, reason: "managed by GitOps" }, rm);
    await revertStep({ stepId: done.id, version: done.version, reason: "wrong image" }, rm);
    // The namespace changes later: the ledger still says what ran.
    await getDb().update(customers).set({ namespace: "moved-ns" }).where(eq(customers.id, a.id));

    const ledger = await getCustomerLedger(a.id);
    expect(ledger.map((e) => [e.kind, e.step.name])).toEqual([
      ["reverted", first.name],
      ["skipped", second.name],
      ["marked_done", first.name],
    ]);
    expect(ledger[2]).toMatchObject({ ran: `kubectl -n ${a.namespace} rollout restart deploy/api`, notes: "build 7", actorName: rm.name });
    expect(ledger[1]).toMatchObject({ reason: "managed by GitOps", ran: null });
    expect((await getCustomerLedger(a.id, { kind: "skipped" })).map((e) => e.step.name)).toEqual([second.name]);
    expect(await getCustomerLedger(a.id, { releaseId: release.id + 1000 })).toEqual([]);
    expect(third.status).toBe("pending"); // untouched steps are not in it

    const csv = ledgerCsv({ name: a.name, namespace: a.namespace }, ledger).split("\r\n");
    expect(csv[0]).toBe("time_utc,customer,namespace,release,version,step,category,event,by,notes,reason,what_ran,agent,exit_code,duration_ms,sha256,output,manifest_commit,manifest_path,manifest_repository,approved_by");
    expect(csv[3]).toContain(`"Done","${rm.name}","build 7","","kubectl -n ${a.namespace} rollout restart deploy/api"`);
  });

  it("the CSV defuses spreadsheet formulas and quotes every field", () => {
    const csv = ledgerCsv({ name: "Acme", namespace: "acme" }, [
      {
        id: "1",
        kind: "skipped",
        at: "2026-12-01T10:00:00.000Z",
        actorName: "Sam",
        release: { id: 1, name: "v1", versionNumber: null },
        step: { id: 1, name: "=HYPERLINK(\"x\")", category: "deploy", type: "bash" },
        ran: null,
        run: null,
        manifest: null,
        notes: null,
        reason: 'said "no"',
      },
    ]);
    expect(csv.split("\r\n")[1]).toBe(`"2026-12-01T10:00:00.000Z","Acme","acme","v1","","'=HYPERLINK(""x"")","deploy","Skipped","Sam","","said ""no""","","","","","","","","","",""`);
  });
});
