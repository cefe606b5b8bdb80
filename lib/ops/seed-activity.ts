import { ranDetail } from "@/lib/domain/content/queries/ran-sql";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customerSteps, customers, releases, stepEvents, users } from "@/db/schema";

/**
 * More recent demo activity for the dashboard (FV-001): Sam rolls v2.5.0 through staging's
 * demo-customer and Riley finishes its checks and moves on with customer-d, all within the last
 * hour, so the quick start shows a release under way and one customer complete. Runs after
 * `seedDemoStepStates`; leaves the steps that seed and its tests rely on alone. No-op when v2.5.0
 * or the users are missing, or when demo-customer's steps were already touched.
 */
export async function seedDemoActivity(db: Db): Promise<void> {
  const [release] = await db
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.name, "v2.5.0"), eq(releases.status, "active")));
  if (!release) return;
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["rm@runsheet.local", "sam@runsheet.local"]));
  const riley = people.find((p) => p.email === "rm@runsheet.local")?.id;
  const sam = people.find((p) => p.email === "sam@runsheet.local")?.id;
  if (!riley || !sam) return;

  const steps = await db
    .select({
      id: customerSteps.id,
      customer: customers.name,
      name: customerSteps.name,
      status: customerSteps.status,
      touched: sql`(select count(*) from ${stepEvents} where ${stepEvents.customerStepId} = ${customerSteps.id})`.mapWith(Number),
    })
    .from(customerSteps)
    .innerJoin(customers, eq(customers.id, customerSteps.customerId))
    .where(
      and(eq(customerSteps.releaseId, release.id), isNull(customerSteps.removedAt), inArray(customers.name, ["demo-customer", "customer-d"])),
    );
  if (steps.some((s) => s.customer === "demo-customer" && s.touched > 0)) return;
  const find = (customer: string, name: string) => steps.find((s) => s.customer === customer && s.name === name && s.status === "pending");

  const plan: Array<{ customer: string; step: string; by: number; minutesAgo: number; notes: string }> = [
    { customer: "demo-customer", step: "Deploy via Jenkins", by: sam, minutesAgo: 52, notes: "Staging build #1846" },
    { customer: "demo-customer", step: "Run Migration SQL", by: sam, minutesAgo: 47, notes: "" },
    { customer: "demo-customer", step: "Update ConfigMap", by: sam, minutesAgo: 44, notes: "" },
    { customer: "demo-customer", step: "Health Check API", by: riley, minutesAgo: 31, notes: "" },
    { customer: "demo-customer", step: "Smoke test checklist", by: riley, minutesAgo: 26, notes: "Walked through with the sales demo account" },
    { customer: "customer-d", step: "Run Migration SQL", by: riley, minutesAgo: 14, notes: "Ran in the maintenance window" },
  ];
  await db.transaction(async (tx) => {
    for (const p of plan) {
      const step = find(p.customer, p.step);
      if (!step) continue;
      const at = sql`now() - make_interval(mins => ${p.minutesAgo})`;
      await tx.execute(sql`
        update customer_steps set status = 'done', executed_at = ${at}, executed_by_id = ${p.by}, notes = ${p.notes},
               version = version + 1, updated_by_id = ${p.by}, updated_at = ${at}
        where id = ${step.id}
      `);
      await tx.execute(sql`
        insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail, created_at)
        select id, release_id, customer_id, 'marked_done', ${p.by}, ${JSON.stringify(p.notes ? { notes: p.notes } : {})}::jsonb || ${ranDetail("customer_steps")}, ${at}
        from customer_steps where id = ${step.id}
      `);
    }
  });
}
