import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, stepEvents, stepTemplates } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { DomainError } from "@/lib/domain/errors";
import { addTemplateStep, createTemplateStep, deleteTemplateStep, reorderTemplateSteps, updateTemplateStep } from "@/lib/domain/templates/mutations/templates";
import { createActor, engine, withTestDatabase } from "../support/db";
import { makeCluster, makeCustomer, makeRelease } from "../support/factories";

withTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const step = (releaseId: number, name: string, category: "deploy" | "verify" = "deploy") => ({
  releaseId,
  name,
  category,
  type: "bash" as const,
  content: `echo ${name}`,
  description: "",
});

async function templatesOf(releaseId: number, category: "deploy" | "verify" = "deploy") {
  return getDb()
    .select()
    .from(stepTemplates)
    .where(and(eq(stepTemplates.releaseId, releaseId), eq(stepTemplates.category, category), sql`${stepTemplates.deletedAt} is null`))
    .orderBy(asc(stepTemplates.orderIndex));
}

/** An active release, narrowed to four fresh customers so counts are exact. */
async function activeRelease(actor: Actor, names = ["A", "B", "C"]) {
  const cluster = await makeCluster();
  const customers = [];
  for (let i = 0; i < 4; i++) customers.push(await makeCustomer(cluster.id));
  const release = await makeRelease();
  const ids: number[] = [];
  for (const n of names) ids.push((await createTemplateStep({ ...step(release.id, n) }, actor)).templateId);
  await activateRelease({ id: release.id, mode: "customers", clusterIds: [], customerIds: customers.map((c) => c.id) }, actor);
  return { release, customers, ids };
}

describe(`template steps (${engine})`, () => {
  it("adds steps with integer order per category and inserts at a position", async () => {
    const actor = await createActor("release_manager");
    const release = await makeRelease();
    const a = await createTemplateStep(step(release.id, "A"), actor);
    const c = await createTemplateStep(step(release.id, "C"), actor);
    await createTemplateStep(step(release.id, "V", "verify"), actor);
    await createTemplateStep({ ...step(release.id, "B"), afterTemplateId: a.templateId }, actor);
    await createTemplateStep({ ...step(release.id, "Z"), afterTemplateId: null }, actor);
    expect((await templatesOf(release.id)).map((t) => [t.name, t.orderIndex])).toEqual([
      ["Z", 0],
      ["A", 1],
      ["B", 2],
      ["C", 3],
    ]);
    expect((await templatesOf(release.id, "verify")).map((t) => t.orderIndex)).toEqual([0]);
    expect(c.customerStepsCreated).toBe(0);
  });

  it("reorders in one go, renumbering 0, 1, 2… and moving every live customer copy along", async () => {
    const actor = await createActor("release_manager");
    const { release, ids, customers } = await activeRelease(actor);
    // A done copy moves too (order is not content).
    await getDb().execute(sql`update customer_steps set status = 'done' where template_id = ${ids[0]} and customer_id = ${customers[0].id}`);
    await reorderTemplateSteps({ releaseId: release.id, category: "deploy", ids: [ids[2], ids[0], ids[1]] }, actor);
    expect((await templatesOf(release.id)).map((t) => [t.id, t.orderIndex])).toEqual([
      [ids[2], 0],
      [ids[0], 1],
      [ids[1], 2],
    ]);
    const copies = await getDb().select().from(customerSteps).where(eq(customerSteps.releaseId, release.id));
    const expected = new Map([
      [ids[2], 0],
      [ids[0], 1],
      [ids[1], 2],
    ]);
    expect(copies.every((s) => s.orderIndex === expected.get(s.templateId!))).toBe(true);
  });

  it("refuses a reorder that does not match the live steps", async () => {
    const actor = await createActor("release_manager");
    const release = await makeRelease();
    const a = await createTemplateStep(step(release.id, "A"), actor);
    const b = await createTemplateStep(step(release.id, "B"), actor);
    const error = await refusal(reorderTemplateSteps({ releaseId: release.id, category: "deploy", ids: [b.templateId] }, actor));
    expect(error.code).toBe("conflict");
    expect((await templatesOf(release.id)).map((t) => t.id)).toEqual([a.templateId, b.templateId]);
  });

  it("edits after activation change only pending, non-overridden copies, with one event each (BR-S07/S08)", async () => {
    const actor = await createActor("release_manager");
    const { release, ids, customers } = await activeRelease(actor);
    const [pending, done, skipped, overridden] = customers;
    const target = ids[1];
    await getDb().execute(sql`update customer_steps set status = 'done', executed_at = now() where template_id = ${target} and customer_id = ${done.id}`);
    await getDb().execute(sql`update customer_steps set status = 'skipped', skip_reason = 'n/a' where template_id = ${target} and customer_id = ${skipped.id}`);
    await getDb().execute(sql`update customer_steps set is_overridden = true, content = 'custom!' where template_id = ${target} and customer_id = ${overridden.id}`);
    const [before] = await getDb().select().from(stepTemplates).where(eq(stepTemplates.id, target));

    const result = await updateTemplateStep(
      { id: target, version: before.version, name: "B2", category: "deploy", type: "sql", content: "select 1;", description: "new" },
      actor,
    );
    expect(result).toMatchObject({ copiesUpdated: 1, copiesKept: 3, version: before.version + 1 });

    const copies = await getDb().select().from(customerSteps).where(eq(customerSteps.templateId, target));
    const byCustomer = new Map(copies.map((c) => [c.customerId, c]));
    expect(byCustomer.get(pending.id)).toMatchObject({ name: "B2", type: "sql", content: "select 1;", version: 2 });
    expect(byCustomer.get(done.id)).toMatchObject({ name: "B", content: "echo B", status: "done", version: 1 });
    expect(byCustomer.get(skipped.id)).toMatchObject({ content: "echo B", status: "skipped" });
    expect(byCustomer.get(overridden.id)).toMatchObject({ content: "custom!", isOverridden: true });

    const events = await getDb().select().from(stepEvents).where(eq(stepEvents.releaseId, release.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "edited_via_template", customerStepId: byCustomer.get(pending.id)!.id, actorId: actor.id });
    expect(events[0].detail).toMatchObject({ previousContent: "echo B", templateVersion: before.version + 1 });
    // Other templates' copies untouched.
    const others = await getDb().select().from(customerSteps).where(eq(customerSteps.templateId, ids[0]));
    expect(others.every((c) => c.version === 1)).toBe(true);
  });

  it("refuses a stale edit with who and when, and overwrites nothing", async () => {
    const alice = await createActor("release_manager", `alice-${Date.now()}`);
    const bob = await createActor("release_manager");
    const release = await makeRelease();
    const { templateId } = await createTemplateStep(step(release.id, "A"), alice);
    await updateTemplateStep({ id: templateId, version: 1, name: "A", category: "deploy", type: "bash", content: "alice", description: "" }, alice);
    const error = await refusal(
      updateTemplateStep({ id: templateId, version: 1, name: "A", category: "deploy", type: "bash", content: "bob", description: "" }, bob),
    );
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(new RegExp(`was changed by ${alice.name} just now\\. Nothing was overwritten`));
    const [row] = await getDb().select().from(stepTemplates).where(eq(stepTemplates.id, templateId));
    expect(row.content).toBe("alice");
  });

  it("deletes after activation: pending copies removed with an event, the rest kept as history", async () => {
    const actor = await createActor("release_manager");
    const { release, ids, customers } = await activeRelease(actor);
    await getDb().execute(sql`update customer_steps set status = 'done' where template_id = ${ids[1]} and customer_id = ${customers[0].id}`);
    await getDb().execute(sql`update customer_steps set is_overridden = true where template_id = ${ids[1]} and customer_id = ${customers[1].id}`);
    const result = await deleteTemplateStep({ id: ids[1] }, actor);
    expect(result).toMatchObject({ copiesRemoved: 2, copiesKept: 2 });

    const copies = await getDb().select().from(customerSteps).where(eq(customerSteps.templateId, ids[1]));
    expect(copies.filter((c) => c.removedAt)).toHaveLength(2);
    expect(copies.filter((c) => !c.removedAt).map((c) => c.customerId).sort()).toEqual([customers[0].id, customers[1].id].sort());
    const events = await getDb().select().from(stepEvents).where(eq(stepEvents.releaseId, release.id));
    expect(events.map((e) => e.kind)).toEqual(["template_removed", "template_removed"]);
    // The rest renumbers 0, 1 and every customer's remaining steps stay in order without ties.
    expect((await templatesOf(release.id)).map((t) => [t.id, t.orderIndex])).toEqual([
      [ids[0], 0],
      [ids[2], 1],
    ]);
    const mine = await getDb()
      .select()
      .from(customerSteps)
      .where(and(eq(customerSteps.customerId, customers[0].id), eq(customerSteps.releaseId, release.id)))
      .orderBy(asc(customerSteps.orderIndex));
    expect(mine.map((s) => [s.templateId, s.orderIndex])).toEqual([
      [ids[0], 0],
      [ids[1], 0.5],
      [ids[2], 1],
    ]);
    // Deleting twice is harmless.
    expect(await deleteTemplateStep({ id: ids[1] }, actor)).toMatchObject({ copiesRemoved: 0 });
  });

  it("adding a step to an active release gives it to every included customer at once, in place", async () => {
    const actor = await createActor("release_manager");
    const { release, ids, customers } = await activeRelease(actor);
    const result = await getDb().transaction((tx) =>
      addTemplateStep(tx, { ...step(release.id, "New"), position: { afterTemplateId: ids[0] } }, actor),
    );
    expect(result.customerStepsCreated).toBe(customers.length);
    const copies = await getDb().select().from(customerSteps).where(eq(customerSteps.templateId, result.templateId));
    expect(copies.every((c) => c.origin === "template_added" && c.orderIndex === 1)).toBe(true);
    const later = await getDb().select().from(customerSteps).where(eq(customerSteps.templateId, ids[1]));
    expect(later.every((c) => c.orderIndex === 2)).toBe(true);
  });

  it("archived releases are read-only", async () => {
    const actor = await createActor("release_manager");
    const release = await makeRelease();
    const { templateId } = await createTemplateStep(step(release.id, "A"), actor);
    await getDb().execute(sql`update releases set status = 'archived' where id = ${release.id}`);
    // Thunks, one at a time: promises created together reject before they are awaited.
    for (const attempt of [
      () => createTemplateStep(step(release.id, "B"), actor),
      () => updateTemplateStep({ id: templateId, version: 1, name: "X", category: "deploy", type: "bash", content: "", description: "" }, actor),
      () => deleteTemplateStep({ id: templateId }, actor),
      () => reorderTemplateSteps({ releaseId: release.id, category: "deploy", ids: [templateId] }, actor),
    ]) {
      const error = await refusal(attempt());
      expect(error.code).toBe("invalid_state");
      expect(error.message).toMatch(/read-only/);
    }
  });
});
