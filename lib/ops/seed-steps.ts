import { ranDetail } from "@/lib/domain/content/queries/ran-sql";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customerSteps, customers, releases, stepEvents, users } from "@/db/schema";

/**
 * Demo execution state for release "v2.5.0" (spec sketch 5.5): done, pending, skipped, reverted,
 * overridden and custom steps, with history by the demo users Riley and Sam a few hours ago.
 * Its own SQL on purpose, not the domain mutations: seeds run outside Next (no "server-only"
 * domain modules). No-op when the release, its steps or the users are missing, or when the steps
 * were already touched.
 */
export async function seedDemoStepStates(db: Db): Promise<void> {
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
  const touched = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(stepEvents)
    .where(eq(stepEvents.releaseId, release.id));
  if ((touched[0]?.n ?? 0) > 0) return;

  const steps = await db
    .select({ id: customerSteps.id, customer: customers.name, name: customerSteps.name, content: customerSteps.content })
    .from(customerSteps)
    .innerJoin(customers, eq(customers.id, customerSteps.customerId))
    .where(and(eq(customerSteps.releaseId, release.id), isNull(customerSteps.removedAt)));
  const find = (customer: string, name: string) => steps.find((s) => s.customer === customer && s.name === name);

  await db.transaction(async (tx) => {
    /** Backdated change with its event: `minutesAgo` keeps the demo's times recent. */
    const act = async (
      step: { id: number } | undefined,
      change: { kind: "marked_done" | "skipped" | "content_overridden" | "reverted"; by: number; minutesAgo: number; detail?: Record<string, unknown> },
      set: ReturnType<typeof sql>,
    ) => {
      if (!step) return;
      const at = sql`now() - make_interval(mins => ${change.minutesAgo})`;
      await tx.execute(sql`update customer_steps set ${set}, version = version + 1, updated_by_id = ${change.by}, updated_at = ${at} where id = ${step.id}`);
      await tx.execute(sql`
        insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail, created_at)
        select id, release_id, customer_id, ${change.kind}::step_event_kind, ${change.by},
          ${JSON.stringify(change.detail ?? {})}::jsonb || ${change.kind === "marked_done" ? ranDetail("customer_steps") : sql`'{}'::jsonb`}, ${at}
        from customer_steps where id = ${step.id}
      `);
    };
    const done = (step: { id: number } | undefined, by: number, minutesAgo: number, notes = "") =>
      act(step, { kind: "marked_done", by, minutesAgo, detail: notes ? { notes } : {} }, sql`status = 'done', executed_at = now() - make_interval(mins => ${minutesAgo}), executed_by_id = ${by}, notes = ${notes}`);
    const skip = (step: { id: number } | undefined, by: number, minutesAgo: number, reason: string) =>
      act(step, { kind: "skipped", by, minutesAgo, detail: { reason } }, sql`status = 'skipped', skip_reason = ${reason}`);
    /** `base`: the template's content when overridden, if it has changed since (drift); else the template now. */
    const override = (step: { id: number; content: string } | undefined, by: number, minutesAgo: number, content: string, base?: string) =>
      act(
        step,
        { kind: "content_overridden", by, minutesAgo, detail: { previousContent: step?.content ?? "" } },
        sql`content = ${content}, is_overridden = true, content_by_id = ${by},
            override_base = coalesce(${base ?? null}, (select t.content from step_templates t where t.id = customer_steps.template_id))`,
      );

    // prod-us
    await done(find("customer-a", "Deploy via Jenkins"), riley, 240, "Jenkins build #1842");
    const aSql = find("customer-a", "Run Migration SQL");
    await override(aSql, riley, 230, `-- Custom migration for customer-a\n${aSql?.content ?? ""}\nUPDATE users SET custom_field = 'value' WHERE id > 100;`);
    await done(aSql, riley, 225);
    await skip(find("customer-a", "Update ConfigMap"), sam, 200, "customer-a manages its ConfigMap through its own GitOps repo");
    await done(find("customer-a", "Health Check API"), sam, 190);
    await done(find("customer-b", "Deploy via Jenkins"), sam, 180, "Jenkins build #1843");
    const bSql = find("customer-b", "Run Migration SQL");
    // Overridden before the template got its index: the template changed since (drift, ⚠Δ).
    const bBase = (bSql?.content ?? "").replace(/\nCREATE INDEX[^\n]*/, "");
    await override(bSql, riley, 170, `-- customer-b runs on a read replica: point at the primary\nSET search_path TO cust_b;\n${bBase}`, bBase);
    // prod-eu
    const dDeploy = find("customer-d", "Deploy via Jenkins");
    await done(dDeploy, sam, 150, "Jenkins build #1844");
    await act(dDeploy, { kind: "reverted", by: riley, minutesAgo: 120, detail: { reason: "Image tag pointed at the wrong registry" } }, sql`status = 'reverted', executed_at = null, executed_by_id = null`);
    await done(dDeploy, riley, 90, "Re-deployed from eu registry, build #1845");
    await skip(find("customer-e", "Update ConfigMap"), sam, 60, "No config changes for customer-e in this release");
  });

  // One custom step (sketch 5.5 ⭐): customer-c needs its CDN flushed after the migration.
  const [anchor] = await db
    .select({ customerId: customerSteps.customerId, orderIndex: customerSteps.orderIndex })
    .from(customerSteps)
    .innerJoin(customers, eq(customers.id, customerSteps.customerId))
    .where(and(eq(customerSteps.releaseId, release.id), eq(customers.name, "customer-c"), eq(customerSteps.name, "Run Migration SQL")));
  if (anchor) {
    const addedAt = sql`now() - interval '100 minutes'`;
    const [row] = await db
      .insert(customerSteps)
      .values({
        releaseId: release.id,
        customerId: anchor.customerId,
        name: "Flush CDN cache",
        category: "deploy",
        type: "bash",
        content: "curl -X POST https://cdn.example.com/api/purge \\\n  -H \"Authorization: Bearer $CDN_TOKEN\" \\\n  -d '{\"zone\": \"customer-c\"}'",
        description: "customer-c serves static assets through its own CDN zone",
        orderIndex: anchor.orderIndex + 0.5,
        isCustom: true,
        origin: "custom",
        updatedById: riley,
        createdAt: addedAt,
        updatedAt: addedAt,
      })
      .returning({ id: customerSteps.id });
    await db.execute(sql`
      insert into audit_log (actor_id, actor_name, action, entity_type, entity_id, summary, created_at)
      select id, name, 'customer_step.add_custom', 'customer_step', ${String(row.id)}, 'Added custom step "Flush CDN cache" for customer-c', now() - interval '100 minutes'
      from users where id = ${riley}
    `);
  }
}
