import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";

/**
 * More recent demo activity for the dashboard (FV-001): Sam rolls v2.5.0 through staging's
 * demo-customer and Riley finishes its checks and moves on with customer-d, all within the last
 * hour, so the quick start shows a release under way and one customer complete. Runs after
 * `seedDemoStepStates`; leaves the steps that seed and its tests rely on alone. No-op when v2.5.0
 * or the users are missing, or when demo-customer's steps were already touched.
 */
export async function seedDemoActivity(db: Db): Promise<void> {
  const [release] = rowsOf<{ id: number }>(await db.execute(sql`select id from releases where name = 'v2.5.0' and status = 'active'`));
  if (!release) return;
  const people = rowsOf<{ id: number; email: string }>(
    await db.execute(sql`select id, email from users where email in ('rm@runsheet.local', 'sam@runsheet.local')`),
  );
  const riley = people.find((p) => p.email === "rm@runsheet.local")?.id;
  const sam = people.find((p) => p.email === "sam@runsheet.local")?.id;
  if (!riley || !sam) return;

  const steps = rowsOf<{ id: number; customer: string; name: string; status: string; touched: number }>(
    await db.execute(sql`
      select s.id, c.name as customer, s.name, s.status,
             (select count(*) from step_events e where e.customer_step_id = s.id)::int as touched
      from customer_steps s join customers c on c.id = s.customer_id
      where s.release_id = ${release.id} and s.removed_at is null and c.name in ('demo-customer', 'customer-d')
    `),
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
        select id, release_id, customer_id, 'marked_done', ${p.by}, ${JSON.stringify(p.notes ? { notes: p.notes } : {})}::jsonb, ${at}
        from customer_steps where id = ${step.id}
      `);
    }
  });
}
