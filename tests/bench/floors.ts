import { and, eq, isNull, sql } from "drizzle-orm";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { affectedRows, type Db } from "@/db/client";
// `customers` names the columns below.
import { clusters, customerSteps, customers as customerTable } from "@/db/schema";

/** The physical floor of activation: one raw INSERT … SELECT of the same rows through the driver. */
export async function rawActivationInsert(db: Db, releaseId: number): Promise<number> {
  const result = await db.execute(sql`
    insert into customer_steps
      (release_id, customer_id, template_id, name, category, type, content, description, order_index, origin, is_custom)
    select t.release_id, c.id, t.id, t.name, t.category, t.type, t.content, t.description, t.order_index, 'activation', false
    from step_templates t cross join customers c
    where t.release_id = ${releaseId} and c.is_active
  `);
  return affectedRows(result);
}

/** The floor of the matrix page: a plain read of the same rows, and a plain table rendered from them. */
export async function rawMatrix(db: Db, releaseId: number, category: "deploy" | "verify"): Promise<{ rows: number; bytes: number }> {
  const cells = await db
    .select({
      id: customerSteps.id,
      customer_id: customerSteps.customerId,
      customer: customerTable.name,
      namespace: customerTable.namespace,
      cluster: clusters.name,
      step: customerSteps.name,
      order_index: customerSteps.orderIndex,
      status: customerSteps.status,
    })
    .from(customerSteps)
    .innerJoin(customerTable, eq(customerTable.id, customerSteps.customerId))
    .innerJoin(clusters, eq(clusters.id, customerTable.clusterId))
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.category, category), isNull(customerSteps.removedAt)))
    .orderBy(clusters.name, customerTable.name, customerSteps.orderIndex);
  const customers = new Map<number, (typeof cells)[number]>();
  const steps = new Map<string, number>();
  const byKey = new Map<string, string>();
  for (const cell of cells) {
    customers.set(cell.customer_id, cell);
    steps.set(cell.step, cell.order_index);
    byKey.set(`${cell.step}|${cell.customer_id}`, cell.status);
  }
  const stepNames = [...steps.keys()];
  const cols = [...customers.values()];
  const html = renderToString(
    h(
      "table",
      null,
      h("thead", null, h("tr", null, h("th", null, "Step"), ...cols.map((c) => h("th", { key: c.customer_id }, `${c.customer} (${c.cluster}/${c.namespace})`)))),
      h(
        "tbody",
        null,
        ...stepNames.map((s) => h("tr", { key: s }, h("th", null, s), ...cols.map((c) => h("td", { key: c.customer_id }, byKey.get(`${s}|${c.customer_id}`) ?? "—")))),
      ),
    ),
  );
  return { rows: cells.length, bytes: Buffer.byteLength(html) };
}

/** The floor of a step mutation: the single-row versioned update alone. */
export async function rawVersionedUpdate(db: Db, stepId: number, version: number): Promise<boolean> {
  const result = await db.execute(sql`
    update customer_steps set status = 'done', executed_at = now(), version = version + 1, updated_at = now()
    where id = ${stepId} and version = ${version}
  `);
  return affectedRows(result) === 1;
}

/**
 * The floor of the matrix's default view of a large release (clusters collapsed): the same
 * aggregate — per template step × cluster, how many customers are done, skipped, overridden — read
 * straight, and a plain table rendered from it.
 */
export async function rawOverview(db: Db, releaseId: number, category: "deploy" | "verify"): Promise<{ rows: number; bytes: number }> {
  const groups = await db
    .select({
      templateId: customerSteps.templateId,
      cluster: clusters.name,
      total: sql<number>`count(*)::int`,
      done: sql<number>`(count(*) filter (where ${customerSteps.status} = 'done'))::int`,
      skipped: sql<number>`(count(*) filter (where ${customerSteps.status} = 'skipped'))::int`,
      overridden: sql<number>`(count(*) filter (where ${customerSteps.isOverridden}))::int`,
    })
    .from(customerSteps)
    .innerJoin(customerTable, eq(customerTable.id, customerSteps.customerId))
    .innerJoin(clusters, eq(clusters.id, customerTable.clusterId))
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.category, category), isNull(customerSteps.removedAt), eq(customerTable.isActive, true)))
    .groupBy(customerSteps.templateId, clusters.name);
  const clusterNames = [...new Set(groups.map((g) => g.cluster))].sort();
  const byStep = new Map<number | null, Map<string, (typeof groups)[number]>>();
  for (const g of groups) {
    const m = byStep.get(g.templateId) ?? new Map();
    m.set(g.cluster, g);
    byStep.set(g.templateId, m);
  }
  const html = renderToString(
    h(
      "table",
      null,
      h("thead", null, h("tr", null, h("th", null, "Step"), ...clusterNames.map((c) => h("th", { key: c }, c)))),
      h(
        "tbody",
        null,
        ...[...byStep.entries()].map(([id, m]) =>
          h("tr", { key: String(id) }, h("th", null, String(id)), ...clusterNames.map((c) => h("td", { key: c }, m.get(c) ? `${m.get(c)!.done}/${m.get(c)!.total}` : "—"))),
        ),
      ),
    ),
  );
  return { rows: groups.length, bytes: Buffer.byteLength(html) };
}

/**
 * The floor of a bulk mark-done: the same set-based change with none of the product's checks —
 * one UPDATE of the chosen rows at the versions seen, and one INSERT of their history entries.
 */
export async function rawBulkUpdate(db: Db, releaseId: number, steps: Array<{ id: number; version: number }>): Promise<number> {
  const result = await db.execute(sql`
    with upd as (
      update customer_steps s set status = 'done', executed_at = now(), version = s.version + 1, updated_at = now()
      from unnest(${`{${steps.map((s) => s.id).join(",")}}`}::bigint[], ${`{${steps.map((s) => s.version).join(",")}}`}::integer[]) as p(id, version)
      where s.id = p.id and s.version = p.version and s.release_id = ${releaseId}
      returning s.id, s.release_id, s.customer_id
    ), ev as (
      insert into step_events (customer_step_id, release_id, customer_id, kind, detail)
      select id, release_id, customer_id, 'marked_done', '{}'::jsonb from upd
    )
    select count(*)::int as n from upd
  `);
  return affectedRows(result);
}

/** The floor of one campaign-mode step: read the next step's row, and the versioned update of this one. */
export async function rawCampaignStep(db: Db, stepId: number, version: number, nextId: number): Promise<void> {
  await db.execute(sql`select id, name, content, status, version from customer_steps where id = ${nextId}`);
  await rawVersionedUpdate(db, stepId, version);
}
