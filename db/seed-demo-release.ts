import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * TEMPORARY (execution branch only): the releases branch seeds the demo release "v2.5.0" itself;
 * drop this file and its registration in seed-lib.ts at merge. Creates v2.5.0, active for every
 * active customer, with the spec's deploy and verify steps copied to each customer.
 */
export async function seedTemporaryDemoRelease(db: Db): Promise<void> {
  const existing = await db.execute(sql`select 1 from releases where name = 'v2.5.0'`);
  if ((Array.isArray(existing) ? existing : (existing as { rows: unknown[] }).rows).length > 0) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into releases (name, type, status, version_number, release_date, description, scope, activated_at)
      values ('v2.5.0', 'release', 'active', 'v2.5.0', current_date, 'Regular release: new billing module and API rate limits.', 'all', now() - interval '5 hours')
    `);
    await tx.execute(sql`
      insert into step_templates (release_id, name, category, type, content, description, order_index)
      select r.id, t.name, t.category::step_category, t.type::step_type, t.content, t.description, t.ord
      from releases r, (values
        ('Deploy via Jenkins', 'deploy', 'bash', E'curl -X POST "$JENKINS_URL/job/deploy-app/buildWithParameters" \\\n  --user "$JENKINS_USER:$JENKINS_TOKEN" \\\n  --data "VERSION=v2.5.0&NAMESPACE=$NAMESPACE"', 'Trigger the deploy job for this namespace', 0),
        ('Run Migration SQL', 'deploy', 'sql', E'ALTER TABLE users ADD COLUMN custom_field VARCHAR(100);\nCREATE INDEX users_custom_field_idx ON users (custom_field);', 'Schema changes for v2.5.0', 1),
        ('Update ConfigMap', 'deploy', 'yaml', E'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  RATE_LIMIT: "100"\n  BILLING_ENABLED: "true"', 'kubectl apply -f this file in the namespace', 2),
        ('Health Check API', 'verify', 'bash', E'curl -fsS "https://$NAMESPACE.example.com/api/health" | jq .status', 'Expect "ok"', 0),
        ('Smoke test checklist', 'verify', 'text', E'1. Sign in as the customer admin\n2. Open the billing page\n3. Create and delete a test invoice', 'Manual check with the customer''s test account', 1)
      ) as t(name, category, type, content, description, ord)
      where r.name = 'v2.5.0'
    `);
    await tx.execute(sql`
      insert into release_customers (release_id, customer_id, membership)
      select r.id, c.id, 'included' from releases r cross join customers c join clusters k on k.id = c.cluster_id
      where r.name = 'v2.5.0' and c.is_active and k.is_active and k.deleted_at is null
    `);
    await tx.execute(sql`
      insert into customer_steps (release_id, customer_id, template_id, name, category, type, content, description, order_index, origin, is_custom, created_at, updated_at)
      select t.release_id, rc.customer_id, t.id, t.name, t.category, t.type, t.content, t.description, t.order_index, 'activation', false,
             now() - interval '5 hours', now() - interval '5 hours'
      from step_templates t join release_customers rc on rc.release_id = t.release_id and rc.membership = 'included'
      join releases r on r.id = t.release_id where r.name = 'v2.5.0'
    `);
  });
}
