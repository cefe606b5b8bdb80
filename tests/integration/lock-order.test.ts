import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, stepTemplates } from "@/db/schema";
import { pgErrorOf } from "@/lib/domain/errors";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { updateTemplateStep } from "@/lib/domain/templates/mutations/templates";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";
import { createActor, engine, withTestDatabase } from "../support/db";

withTestDatabase();

const PAIRS = engine === "postgres" ? 200 : 20;

/**
 * The lock order (releases/load.ts): a template edit and an override of one of its pending copies
 * at the same moment used to deadlock on Postgres (the edit held the release, then wanted the
 * copy; the override held the copy, then its history row's foreign key wanted the release). Each
 * pair must end with both done or one refused in words — never "deadlock detected".
 */
describe(`template edit vs override of one of its copies, ${PAIRS} pairs at once (${engine})`, () => {
  it("never deadlocks, and every outcome is consistent", async () => {
    const riley = await createActor("release_manager", "Riley Release");
    const sam = await createActor("release_manager", "Sam Shipper");
    const cluster = await makeCluster();
    const customers = [];
    for (let i = 0; i < PAIRS; i++) customers.push(await makeCustomer(cluster.id));
    const release = await makeRelease({ status: "active", activatedAt: new Date() });
    const template = await makeTemplate(release.id, { name: "Deploy", content: "echo v0" });
    await include(release.id, customers.map((c) => c.id));
    await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" });

    const outcomes = { bothDone: 0, editRefused: 0, overrideRefused: 0 };
    const unexpected: string[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const [t] = await getDb().select().from(stepTemplates).where(eq(stepTemplates.id, template.id));
      const [copy] = await getDb()
        .select()
        .from(customerSteps)
        .where(and(eq(customerSteps.templateId, template.id), eq(customerSteps.customerId, customers[i].id)));
      const [edit, override] = await Promise.allSettled([
        updateTemplateStep({ id: t.id, version: t.version, name: t.name, category: t.category, type: t.type, content: `echo v${i + 1}`, description: "" }, riley),
        overrideStepContent({ stepId: copy.id, version: copy.version, content: `echo custom ${i}` }, sam),
      ]);
      for (const r of [edit, override]) {
        if (r.status === "rejected") {
          const e = r.reason as { name?: string; code?: string; message?: string };
          if (pgErrorOf(r.reason)?.code === "40P01" || e.name !== "DomainError" || e.code !== "conflict") {
            unexpected.push(`${pgErrorOf(r.reason)?.code ?? e.code}: ${String(e.message).slice(0, 80)}`);
          }
        }
      }
      if (edit.status === "fulfilled" && override.status === "fulfilled") outcomes.bothDone++;
      else if (edit.status === "rejected") outcomes.editRefused++;
      else outcomes.overrideRefused++;

      // Whatever won, the copy is consistent: overridden with the customer's text, or following the template.
      const [after] = await getDb().select().from(customerSteps).where(eq(customerSteps.id, copy.id));
      if (override.status === "fulfilled") expect(after).toMatchObject({ isOverridden: true, content: `echo custom ${i}` });
      else expect(after).toMatchObject({ isOverridden: false, content: `echo v${i + 1}` });
    }
    expect(unexpected).toEqual([]);
    expect(outcomes.bothDone + outcomes.editRefused + outcomes.overrideRefused).toBe(PAIRS);
  }, 240_000);
});
