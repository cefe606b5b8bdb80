import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { releaseStageIdOf } from "@/lib/domain/stages/queries/stage-of";
import type { RepositoryRow } from "@/lib/domain/manifests/types";

/**
 * Which manifest repository a customer's steps are published to: its cluster's own, else its
 * release's track's. SQL over customers `c` and releases `r`.
 */
export const repositoryIdOf = (c = sql`c`, r = sql`r`): SQL => sql`coalesce(
  (select mr.id from manifest_repositories mr where mr.cluster_id = ${c}.cluster_id),
  (select mr.id from manifest_repositories mr where mr.track_id = ${r}.track_id))`;

export type PublishTarget = {
  stepId: number;
  version: number;
  customerId: number;
  customerName: string;
  namespace: string;
  clusterName: string;
  stageId: number | null;
  repositoryId: number | null;
};

/**
 * The open YAML steps in "publish to manifest repository" mode of a release, for one stage's
 * customers or for chosen customers (archived customers never).
 */
export async function publishTargets(db: DbOrTx, input: { releaseId: number; stageId?: number; customerIds?: number[]; stepIds?: number[] }): Promise<PublishTarget[]> {
  const stage = releaseStageIdOf(sql`s.release_id`, sql`c`);
  const which = input.stepIds
    ? sql`s.id = any(${`{${input.stepIds.join(",")}}`}::bigint[])`
    : input.stageId !== undefined
      ? sql`${stage} = ${input.stageId}`
      : input.customerIds?.length
        ? sql`c.id = any(${`{${input.customerIds.join(",")}}`}::int[])`
        : sql`true`;
  const rows = executedRows(
    await db.execute(sql`
      select s.id, s.version, s.customer_id, c.name as customer_name, c.namespace, k.name as cluster_name, ${stage} as stage_id,
             ${repositoryIdOf()} as repository_id
      from customer_steps s
      join customers c on c.id = s.customer_id
      join clusters k on k.id = c.cluster_id
      join releases r on r.id = s.release_id
      where s.release_id = ${input.releaseId} and s.removed_at is null and s.execution = 'manifest'
        and s.status in ('pending', 'reverted') and c.is_active and ${which}
      order by k.name, c.name, s.category, s.order_index, s.id`),
  );
  return rows.map((r) => ({
    stepId: Number(r.id),
    version: Number(r.version),
    customerId: Number(r.customer_id),
    customerName: String(r.customer_name),
    namespace: String(r.namespace),
    clusterName: String(r.cluster_name),
    stageId: r.stage_id === null ? null : Number(r.stage_id),
    repositoryId: r.repository_id === null ? null : Number(r.repository_id),
  }));
}

export async function repositoriesById(db: DbOrTx, ids: number[]): Promise<Map<number, RepositoryRow>> {
  if (!ids.length) return new Map();
  const rows = executedRows(
    await db.execute(sql`select id, name, url, token_box, branch, path_pattern from manifest_repositories where id = any(${`{${ids.join(",")}}`}::int[])`),
  );
  return new Map(rows.map((r) => [Number(r.id), { id: Number(r.id), name: String(r.name), url: String(r.url), tokenBox: (r.token_box as string | null) ?? null, branch: String(r.branch), pathPattern: String(r.path_pattern) }]));
}
