// No "server-only" marker: the demo seed (plain Node through tsx) writes history with it too.
import { sql, type SQL } from "drizzle-orm";

/**
 * What ran, for a "marked done" history entry, from a row of customer_steps named `row` (a CTE's
 * updated row): the content (and name) as they were, and — when they use variables — the
 * customer's values at that moment, so the entry renders to exactly what ran however metadata or
 * the template change later (lib/domain/steps/model/history.ts renders it). Built in SQL so the
 * transition stays one statement; the same map as `valuesFor` (content/model/variables.ts): metadata under
 * its owner, then the built-ins, which win.
 */
export function ranDetail(row: string): SQL {
  const r = sql.raw(row);
  return sql`jsonb_build_object('ran', ${r}.content) || case when ${r}.content like '%{{%' or ${r}.name like '%{{%' then jsonb_build_object(
      'ranName', ${r}.name,
      'values', (
        select coalesce((select jsonb_object_agg('customer.' || m.key, m.value) from jsonb_each_text(c.metadata) m), '{}'::jsonb)
            || coalesce((select jsonb_object_agg('cluster.' || m.key, m.value) from jsonb_each_text(k.metadata) m), '{}'::jsonb)
            || coalesce((select jsonb_object_agg('release.' || m.key, m.value) from jsonb_each_text(rl.metadata) m), '{}'::jsonb)
            || jsonb_build_object('namespace', c.namespace, 'customer.name', c.name, 'cluster.name', k.name,
                 'cluster.kubeconfig', coalesce(k.kubeconfig_path, ''), 'release.name', rl.name, 'release.version', coalesce(rl.version_number, ''))
        from customers c join clusters k on k.id = c.cluster_id join releases rl on rl.id = ${r}.release_id
        where c.id = ${r}.customer_id
      )) else '{}'::jsonb end`;
}
