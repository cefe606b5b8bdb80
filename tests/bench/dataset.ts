import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { releases, users } from "@/db/schema";

export type DatasetSize = { name: "medium" | "large"; customers: number; clusters: number; steps: number };

export const datasets: Record<DatasetSize["name"], DatasetSize> = {
  medium: { name: "medium", customers: 500, clusters: 10, steps: 50 },
  large: { name: "large", customers: 2000, clusters: 40, steps: 60 },
};

/** ~500 bytes of plausible script, deterministic per step. */
function content(i: number): string {
  const lines = [
    `#!/usr/bin/env bash`,
    `# Step ${i}: roll out component-${i % 7} for the tenant namespace`,
    `set -euo pipefail`,
    `kubectl --context "$CLUSTER" -n "$NAMESPACE" set image deploy/app-${i % 5} app=registry.example.com/app:${2 + (i % 3)}.${i % 10}.0`,
    `kubectl --context "$CLUSTER" -n "$NAMESPACE" rollout status deploy/app-${i % 5} --timeout=300s`,
    `kubectl --context "$CLUSTER" -n "$NAMESPACE" get pods -l app=app-${i % 5} -o wide`,
    `echo "component-${i % 7} rolled out at $(date -u +%FT%TZ)"`,
  ];
  let text = lines.join("\n");
  while (text.length < 500) text += `\n# padding line ${text.length}`;
  return text.slice(0, 520);
}

/**
 * Builds clusters, customers, one bench user and a draft release with `steps` template steps
 * (60 % deploy, 40 % verify), set-based and deterministic. Returns the ids the benchmark needs.
 */
export async function generateDataset(db: Db, size: DatasetSize) {
  await db.execute(sql`
    insert into clusters (name, kubeconfig_path, description, metadata)
    select 'bench-cluster-' || lpad(g::text, 3, '0'), '~/.kube/bench-' || g, 'Benchmark cluster ' || g,
           jsonb_build_object('region', 'region-' || (g % 4))
    from generate_series(1, ${size.clusters}) g
  `);
  await db.execute(sql`
    insert into customers (cluster_id, name, namespace, description)
    select c.id, 'bench-customer-' || lpad(g::text, 5, '0'), 'bench-ns-' || g, ''
    from generate_series(1, ${size.customers}) g
    join (select id, row_number() over (order by id) - 1 as k from clusters where name like 'bench-cluster-%') c
      on c.k = (g - 1) % ${size.clusters}
  `);
  const [release] = await db
    .insert(releases)
    .values({ name: `bench-release-${size.name}`, type: "release", versionNumber: "v9.9.9", releaseDate: "2026-12-01", description: "Benchmark release" })
    .returning({ id: releases.id });
  const deploy = Math.round(size.steps * 0.6);
  const values = Array.from({ length: size.steps }, (_, i) => {
    const category = i < deploy ? "deploy" : "verify";
    const order = i < deploy ? i : i - deploy;
    return sql`(${release.id}, ${`Step ${i + 1}: ${category} component-${i % 7}`}, ${category}::step_category, ${i % 3 === 0 ? "sql" : "bash"}::step_type, ${content(i)}, ${order})`;
  });
  await db.execute(sql`
    insert into step_templates (release_id, name, category, type, content, order_index)
    values ${sql.join(values, sql`, `)}
  `);
  const [user] = await db
    .insert(users)
    .values({ email: "bench@runsheet.local", name: "Bench Runner", role: "release_manager" })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return { releaseId: release.id, userId: user?.id };
}

/**
 * After activation: a realistic mix — about half done, 5 % skipped, 5 % overridden, and one
 * custom step for every tenth customer. Set-based and deterministic (by id).
 */
export async function applyStatusMix(db: Db, releaseId: number, userId: number) {
  await db.execute(sql`
    update customer_steps set
      status = case when id % 20 = 0 then 'skipped'::step_status when id % 2 = 0 then 'done'::step_status else 'pending'::step_status end,
      skip_reason = case when id % 20 = 0 then 'Not applicable for this tenant' end,
      executed_at = case when id % 2 = 0 and id % 20 <> 0 then now() end,
      executed_by_id = case when id % 2 = 0 and id % 20 <> 0 then ${userId}::int end,
      is_overridden = (id % 20 = 5),
      content = case when id % 20 = 5 then content || E'\n# customer-specific override' else content end
    where release_id = ${releaseId}
  `);
  await db.execute(sql`
    insert into customer_steps (release_id, customer_id, name, category, type, content, order_index, origin, is_custom)
    select ${releaseId}, c.id, 'Custom: flush tenant cache', 'deploy', 'bash', 'kubectl rollout restart deploy/cache', 1.5, 'custom', true
    from customers c where c.name like 'bench-customer-%' and c.id % 10 = 0
  `);
}
