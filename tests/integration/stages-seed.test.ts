import { eq, sql } from "drizzle-orm";
import { gateHolds } from "@/lib/domain/stages/model/gate";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, customers, releases, users } from "@/db/schema";
import { seedDemoData } from "@/lib/ops/seed-demo";
import { markStepDone } from "@/lib/domain/steps/mutations/transitions";
import { getPipeline } from "@/lib/domain/stages/queries/pipeline";
import { awaitingMySignOff } from "@/lib/domain/stages/queries/awaiting";
import { withTestDatabase } from "../support/db";
import { refusal } from "./steps-support";

withTestDatabase();

describe("the demo's release-track story", () => {
  it("v2.5.0: staging done, canary open (break glass), production waiting for Security; new drafts take their type's track", async () => {
    await seedDemoData(getDb());
    const [v25] = await getDb().select().from(releases).where(eq(releases.name, "v2.5.0"));
    const pipeline = await getPipeline(v25.id);
    expect(pipeline.trackName).toBe("Standard release");
    expect(pipeline.stages.map((s) => [s.name, s.state, s.customers])).toEqual([
      ["staging", "done", 1],
      ["canary", "open", 4],
      ["production", "waiting", 1],
    ]);
    expect(pipeline.stages[1].breakGlassReason).toMatch(/Staging was being rebuilt/);
    const production = pipeline.stages[2];
    expect(production.groups.map((g) => [g.name, g.signOffs.map((s) => s.userName)])).toEqual([
      ["Product", ["Parker Product"]],
      ["QA", ["Quinn QA"]],
      ["Security", []],
    ]);
    expect(production.waitingReason).toBe("production opens after canary is complete, the 24 h soak after canary has passed and Security has signed off, and a release manager promotes it.");
    // What Riley, about to promote, is told instead of a circular "a release manager promotes it".
    const complete = pipeline.stages[1].complete;
    expect(gateHolds(production, null).map((h) => h.text)).toEqual([
      `canary: ${complete} of 4 customers complete`,
      "the 24 h soak starts when the last one completes",
      "Security has not signed off",
    ]);

    // customer-c (production) is refused with the reason; the Security approver sees it waiting on the dashboard.
    const [riley] = await getDb().select().from(users).where(eq(users.email, "rm@runsheet.local"));
    const [step] = await getDb()
      .select()
      .from(customerSteps)
      .innerJoin(customers, eq(customers.id, customerSteps.customerId))
      .where(sql`${customerSteps.releaseId} = ${v25.id} and ${customers.name} = 'customer-c' and ${customerSteps.status} = 'pending'`)
      .limit(1);
    const refused = await refusal(() => markStepDone({ stepId: step.customer_steps.id, version: step.customer_steps.version, notes: "" }, { ...riley, role: riley.role }));
    expect(refused.message).toMatch(/^customer-c is in production, which is not open yet/);
    const [sasha] = await getDb().select().from(users).where(eq(users.email, "security@runsheet.local"));
    expect(await awaitingMySignOff(sasha.id)).toMatchObject([{ releaseName: "v2.5.0", stageName: "production", groups: ["Security"] }]);
    const [quinn] = await getDb().select().from(users).where(eq(users.email, "qa@runsheet.local"));
    expect(await awaitingMySignOff(quinn.id)).toEqual([]);

    const [hotfix] = await getDb().select().from(releases).where(eq(releases.type, "hotfix"));
    const [{ name }] = await getDb().execute(sql`select t.name from tracks t where t.id = ${hotfix.trackId}`).then((r) => (Array.isArray(r) ? r : (r as { rows: Array<{ name: string }> }).rows));
    expect(name).toBe("Hotfix");
  });
});
