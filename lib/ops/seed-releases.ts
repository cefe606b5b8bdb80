import { sql } from "drizzle-orm";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import type { Db, DbOrTx } from "@/db/client";
import { releases, stepTemplates } from "@/db/schema";

type Step = { name: string; category: "deploy" | "verify"; type: "bash" | "sql" | "text" | "yaml"; content: string; description?: string; needsReview?: boolean };

const v25Steps: Step[] = [
  {
    name: "Deploy via Jenkins",
    category: "deploy",
    type: "bash",
    description: "Triggers the versioned deploy job for the customer's namespace and waits for the rollout.",
    content: [
      "#!/usr/bin/env bash",
      "set -euo pipefail",
      "",
      'curl -fsS -X POST "$JENKINS_URL/job/deploy/buildWithParameters" \\',
      '  --user "$JENKINS_USER:$JENKINS_TOKEN" \\',
      '  --data "namespace={{ namespace }}&version={{ release.version }}"',
      "",
      "kubectl --kubeconfig {{ cluster.kubeconfig }} -n {{ namespace }} rollout status deploy/api --timeout=10m",
    ].join("\n"),
  },
  {
    name: "Run Migration SQL",
    category: "deploy",
    type: "sql",
    description: "Adds the region column used by the new reporting API.",
    // Four eyes on the one step that changes data.
    needsReview: true,
    content: [
      "BEGIN;",
      "ALTER TABLE orders ADD COLUMN IF NOT EXISTS region text;",
      "UPDATE orders SET region = 'default' WHERE region IS NULL;",
      "CREATE INDEX IF NOT EXISTS orders_region_idx ON orders (region);",
      "COMMIT;",
    ].join("\n"),
  },
  {
    name: "Update ConfigMap",
    category: "deploy",
    type: "yaml",
    content: [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: api-config",
      "  namespace: {{ namespace }}",
      "data:",
      '  FEATURE_REPORTING: "true"',
      '  REPORTING_REGION_COLUMN: "region"',
      '  LOG_LEVEL: "info"',
      '  REGION: "{{ cluster.region }}"',
    ].join("\n"),
  },
  {
    name: "Health Check API",
    category: "verify",
    type: "bash",
    content: ['curl -fsS "https://{{ namespace }}.example.com/api/health" | jq -e \'.status == "ok" and .version == "{{ release.version }}"\''].join("\n"),
  },
  {
    name: "Smoke test checklist",
    category: "verify",
    type: "text",
    content: [
      "1. Sign in to {{ customer.name }} as its {{ customer.tier }}-tier admin test user",
      "2. Open Reports → Orders by region; the region column is filled",
      "3. Create and cancel a test order",
      "4. Check the error rate dashboard stays flat for 10 minutes",
    ].join("\n"),
  },
];

const v24Steps: Step[] = [
  { name: "Deploy via Jenkins", category: "deploy", type: "bash", content: 'kubectl -n "$NAMESPACE" set image deploy/api api=registry.example.com/api:2.4.0' },
  { name: "Health Check API", category: "verify", type: "bash", content: 'curl -fsS "https://$NAMESPACE.example.com/api/health"' },
];

const hotfixSteps: Step[] = [
  {
    name: "Patch payment timeout",
    category: "deploy",
    type: "bash",
    content: 'kubectl -n "$NAMESPACE" set env deploy/api PAYMENT_TIMEOUT_MS=15000',
    description: "Raises the payment provider timeout while their incident lasts.",
  },
  { name: "Verify checkout", category: "verify", type: "text", content: "Place a test order with a card payment; it completes within 20 seconds." },
];

async function insertRelease(
  tx: DbOrTx,
  values: typeof releases.$inferInsert,
  steps: Step[],
): Promise<number> {
  const [row] = await tx.insert(releases).values(values).returning({ id: releases.id });
  const counters = { deploy: 0, verify: 0 };
  await tx.insert(stepTemplates).values(
    steps.map((s) => ({ releaseId: row.id, ...s, description: s.description ?? "", orderIndex: counters[s.category]++ })),
  );
  return row.id;
}

/** Activation as the domain does it: every eligible customer included, then the one fan-out. */
async function activateForAll(tx: DbOrTx, releaseId: number, activatedAt: string) {
  await tx.execute(sql`
    insert into release_customers (release_id, customer_id, membership)
    select ${releaseId}, c.id, 'included'
    from customers c join clusters k on k.id = c.cluster_id and k.is_active and k.deleted_at is null
    where c.is_active
    on conflict do nothing
  `);
  await copyTemplatesToCustomers(tx, { releaseId, origin: "activation" });
  await tx.execute(sql`
    update releases set status = 'active', scope = 'all', activated_at = ${activatedAt}::timestamptz where id = ${releaseId}
  `);
  await tx.execute(sql`update customer_steps set created_at = ${activatedAt}::timestamptz where release_id = ${releaseId}`);
}

/**
 * Demo releases: an active v2.5.0 for every customer, an archived (completed) v2.4.0 and a draft
 * hotfix. Loaded after clusters and customers; skipped if any of these names already exists.
 */
/**
 * Dates relative to the day the demo is loaded (issue 25: fixed dates made a fresh install's demo
 * release "25 days overdue" the first time anyone opened it): v2.5.0 started two days ago and is
 * due in five, v2.4.0 finished last month, the hotfix is due in a week.
 */
export function demoDates(now = new Date()) {
  const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
  const date = (offset: number) => day(offset).toISOString().slice(0, 10);
  const at = (offset: number, hour: number) => new Date(day(offset).getTime() + hour * 3_600_000).toISOString();
  return {
    v25: { due: date(5), activated: at(-2, 8) },
    v24: { due: date(-30), activated: at(-30, 8), done: at(-29, 10), archived: at(-24, 9) },
    hotfix: { due: date(7), name: `Hotfix-${date(0).slice(0, 7)}-1` },
  };
}

export async function seedDemoReleases(db: Db, now = new Date()): Promise<void> {
  const dates = demoDates(now);
  const existing = await db.execute(sql`select 1 from releases where lower(name) in ('v2.5.0', 'v2.4.0', ${dates.hotfix.name.toLowerCase()}) limit 1`);
  if ((Array.isArray(existing) ? existing : (existing as { rows: unknown[] }).rows).length) return;

  await db.transaction(async (tx) => {
    const v25 = await insertRelease(
      tx,
      {
        name: "v2.5.0",
        type: "release",
        versionNumber: "v2.5.0",
        releaseDate: dates.v25.due,
        description: [
          "## Highlights",
          "- **Reporting by region**: orders carry a `region` column",
          "- ConfigMap switch `FEATURE_REPORTING` turns the new reports on",
          "",
          "Roll out cluster by cluster; prod-eu after prod-us is green.",
        ].join("\n"),
        metadata: { jira: "REL-250", owner: "platform-team" },
      },
      v25Steps,
    );
    await activateForAll(tx, v25, dates.v25.activated);

    // v2.5.0 first so the demo release has id 1 (the e2e suites open it by URL).
    const v24 = await insertRelease(
      tx,
      {
        name: "v2.4.0",
        type: "release",
        versionNumber: "v2.4.0",
        releaseDate: dates.v24.due,
        description: "Quarterly release.\n\n- Faster order search\n- New audit export",
      },
      v24Steps,
    );
    await activateForAll(tx, v24, dates.v24.activated);
    // A finished release: every step was done before it was archived.
    await tx.execute(sql`
      update customer_steps set status = 'done', executed_at = ${dates.v24.done}::timestamptz, updated_at = ${dates.v24.done}::timestamptz
      where release_id = ${v24}
    `);
    await tx.execute(sql`
      update releases set status = 'archived', archived_at = ${dates.v24.archived}::timestamptz where id = ${v24}
    `);


    await insertRelease(
      tx,
      {
        name: dates.hotfix.name,
        type: "hotfix",
        releaseDate: dates.hotfix.due,
        description: "Payment provider timeouts for some EU customers.",
      },
      hotfixSteps,
    );
  });
}
