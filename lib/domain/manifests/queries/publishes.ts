import "server-only";
import { diffLines } from "diff";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { manifestObjects } from "@/lib/domain/content/model/manifest";
import { approvalRefusal } from "@/lib/domain/manifests/model/approval";
import { objectChanges } from "@/lib/domain/manifests/model/object-diff";
import type { PublishDetail, PublishFile, PublishStatus, PublishSummary, StageToPublish, StepManifest } from "@/lib/domain/manifests/types";
import { releaseStageIdOf } from "@/lib/domain/stages/queries/stage-of";
import { renderForRun, type RenderedForRun } from "@/lib/domain/runs/queries/render-context";
import { awaitingReview } from "@/lib/domain/steps/queries/review-sql";
import { repositoryIdOf } from "./targets";

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

const summaryColumns = sql`p.id, p.title, p.branch, p.target_branch, p.commit_sha, p.status, p.published_at, p.merged_sha, p.merged_at, p.conflicts,
  p.release_id, p.base_sha, p.repository_url, p.published_by_id, mr.name as repository, u.name as published_by, m.name as merged_by,
  (select count(*) from manifest_files f where f.publish_id = p.id) as files,
  (select count(distinct f.customer_id) from manifest_files f where f.publish_id = p.id) as customers,
  (select count(*) from manifest_files f where f.publish_id = p.id and f.drifted) as drifted`;
const summaryFrom = sql`from manifest_publishes p join manifest_repositories mr on mr.id = p.repository_id
  left join users u on u.id = p.published_by_id left join users m on m.id = p.merged_by_id`;

function summaryOf(r: Record<string, unknown>): PublishSummary {
  return {
    id: Number(r.id),
    title: String(r.title),
    repository: String(r.repository),
    branch: String(r.branch),
    targetBranch: String(r.target_branch),
    commitSha: String(r.commit_sha),
    status: r.status as PublishStatus,
    files: Number(r.files),
    customers: Number(r.customers),
    publishedBy: (r.published_by as string | null) ?? null,
    publishedAt: iso(r.published_at)!,
    mergedSha: (r.merged_sha as string | null) ?? null,
    mergedBy: (r.merged_by as string | null) ?? null,
    mergedAt: iso(r.merged_at),
    conflicts: parseArray(r.conflicts),
    drifted: Number(r.drifted),
  };
}

/** Postgres text[] as either driver hands it back. */
function parseArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "string" && v.startsWith("{")) {
    const inner = v.slice(1, -1);
    if (!inner) return [];
    return [...inner.matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!));
  }
  return [];
}

export async function listPublishes(releaseId: number, db: DbOrTx = getDb()): Promise<PublishSummary[]> {
  return executedRows(await db.execute(sql`select ${summaryColumns} ${summaryFrom} where p.release_id = ${releaseId} order by p.id desc limit 200`)).map(summaryOf);
}

/**
 * A publish as the merge view shows it: per file, the target branch's text at publish time beside
 * what would be merged, the objects it adds, changes or removes, and whether the step still is
 * what was published (a step changed since makes the approval refuse).
 */
export async function getPublish(publishId: number, viewerId: number, db: DbOrTx = getDb()): Promise<PublishDetail | null> {
  const [r] = executedRows(await db.execute(sql`select ${summaryColumns}, rl.name as release_name ${summaryFrom} join releases rl on rl.id = p.release_id where p.id = ${publishId}`));
  if (!r) return null;
  const rows = executedRows(
    await db.execute(sql`
      select f.id, f.customer_step_id, f.path, f.content, f.base_content, f.base_blob_sha, f.blob_sha, f.step_version, f.drifted,
             s.version, s.status, s.name as step_name, coalesce(s.content_by_id, t.content_by_id) as author_id, ${awaitingReview("s")} as awaiting,
             c.id as customer_id, c.name as customer_name, c.namespace, k.name as cluster_name
      from manifest_files f
      join customer_steps s on s.id = f.customer_step_id
      left join step_templates t on t.id = s.template_id
      join customers c on c.id = f.customer_id
      join clusters k on k.id = c.cluster_id
      where f.publish_id = ${publishId}
      order by f.path`),
  );
  const summary = summaryOf(r);
  const conflicts = new Set(summary.conflicts);
  // "Changed since published" as the approval will judge it: what the step renders now.
  const now = summary.status === "open" ? await renderForRun(db, rows.map((f) => Number(f.customer_step_id))) : new Map<number, RenderedForRun>();
  const renderedNow = (id: number) => {
    const x = now.get(id);
    return x ? (x.content.endsWith("\n") ? x.content : `${x.content}\n`) : null;
  };
  const filesList: PublishFile[] = rows.map((f) => {
    const content = String(f.content);
    const before = (f.base_content as string | null) ?? null;
    const namespace = String(f.namespace);
    const objects = objectChanges(before, content, namespace);
    return {
      id: Number(f.id),
      stepId: Number(f.customer_step_id),
      stepName: String(f.step_name),
      customer: { id: Number(f.customer_id), name: String(f.customer_name), namespace, cluster: String(f.cluster_name) },
      path: String(f.path),
      content,
      before,
      blobSha: String(f.blob_sha),
      diff: diffLines(before ?? "", content),
      change: f.base_blob_sha === null ? "added" : f.base_blob_sha === f.blob_sha ? "unchanged" : "changed",
      objects,
      // What the merge writes, not what it removes.
      // (main's text may not parse while the published one does: then from the published text alone).
      wrongNamespace: objects ? objects.some((o) => o.wrongNamespace && o.change !== "removed") : (manifestObjects(content, namespace) ?? []).some((o) => o.wrongNamespace),
      stepStatus: String(f.status),
      stale: summary.status === "open" && renderedNow(Number(f.customer_step_id)) !== content,
      conflict: conflicts.has(String(f.path)),
      drifted: (f.drifted as boolean | null) ?? null,
    };
  });
  const publishedById = r.published_by_id === null ? null : Number(r.published_by_id);
  const own = rows.find((f) => f.awaiting && f.author_id !== null && Number(f.author_id) === viewerId);
  const [viewer] = executedRows(
    await db.execute(sql`select u.is_service_account, exists (select 1 from manifest_publishes q where q.release_id = ${Number(r.release_id)} and q.commit_sha = ${summary.commitSha} and q.published_by_id = u.id) as published
      from users u where u.id = ${viewerId}`),
  );
  const approveRefusal =
    summary.status !== "open"
      ? null
      : approvalRefusal({
          serviceAccount: Boolean(viewer?.is_service_account),
          publishedIt: publishedById === viewerId,
          publishedThisCommit: Boolean(viewer?.published),
          wroteStep: own ? `${String(own.customer_name)}'s "${String(own.step_name)}"` : null,
        });
  return { ...summary, releaseId: Number(r.release_id), releaseName: String(r.release_name), repositoryUrl: String(r.repository_url), baseSha: String(r.base_sha), publishedById, filesList, approveRefusal };
}

/**
 * What the release's manifests page offers to publish: per stage (or the whole release when it
 * has no stages), how many open manifest steps wait, and in which repository they would land.
 */
export async function stagesToPublish(releaseId: number, db: DbOrTx = getDb()): Promise<StageToPublish[]> {
  const rows = executedRows(
    await db.execute(sql`
      with open_steps as (
        select s.id, ${releaseStageIdOf(sql`s.release_id`, sql`c`)} as stage_id, ${repositoryIdOf()} as repo_id, k.name as cluster_name
        from customer_steps s join customers c on c.id = s.customer_id join clusters k on k.id = c.cluster_id join releases r on r.id = s.release_id
        where s.release_id = ${releaseId} and s.removed_at is null and s.execution = 'manifest' and s.status in ('pending', 'reverted') and c.is_active
      )
      select rs.id, rs.name, rs.position, rs.opened_at is not null as open,
             (select count(*) from open_steps o where o.stage_id = rs.id) as ready,
             (select string_agg(distinct mr.name, ', ') from open_steps o join manifest_repositories mr on mr.id = o.repo_id where o.stage_id = rs.id) as repository,
             (select array_agg(distinct o.cluster_name) from open_steps o where o.stage_id = rs.id and o.repo_id is null) as missing
      from release_stages rs where rs.release_id = ${releaseId}
      union all
      select null, 'All customers', 0, true, (select count(*) from open_steps),
             (select string_agg(distinct mr.name, ', ') from open_steps o join manifest_repositories mr on mr.id = o.repo_id),
             (select array_agg(distinct o.cluster_name) from open_steps o where o.repo_id is null)
      where not exists (select 1 from release_stages where release_id = ${releaseId})
      order by 3`),
  );
  return rows.map((s) => ({
    id: s.id === null ? null : Number(s.id),
    name: String(s.name),
    open: Boolean(s.open),
    ready: Number(s.ready),
    repository: (s.repository as string | null) ?? null,
    missingRepository: parseArray(s.missing),
  }));
}

/** The customer step's newest publish (the panel's "Published in…" / "Merged at…"). */
export async function stepManifest(stepId: number, db: DbOrTx = getDb()): Promise<StepManifest | null> {
  const [r] = executedRows(
    await db.execute(sql`
      select p.id, p.status, f.path, mr.name as repository, p.target_branch, p.commit_sha, p.merged_sha, m.name as merged_by, p.merged_at, f.drifted, f.drift_checked_at
      from manifest_files f join manifest_publishes p on p.id = f.publish_id join manifest_repositories mr on mr.id = p.repository_id
      left join users m on m.id = p.merged_by_id
      where f.customer_step_id = ${stepId} and p.status <> 'superseded'
      order by p.id desc limit 1`),
  );
  if (!r) return null;
  return {
    publishId: Number(r.id),
    status: r.status as PublishStatus,
    path: String(r.path),
    repository: String(r.repository),
    branch: String(r.target_branch),
    commitSha: String(r.commit_sha),
    mergedSha: (r.merged_sha as string | null) ?? null,
    mergedBy: (r.merged_by as string | null) ?? null,
    mergedAt: iso(r.merged_at),
    drifted: (r.drifted as boolean | null) ?? null,
    driftCheckedAt: iso(r.drift_checked_at),
  };
}

/** Steps of a release whose merged file someone changed in the repository since (the matrix's marker). */
export async function stepsDriftedInRepository(db: DbOrTx, releaseId: number): Promise<Set<number>> {
  const rows = executedRows(
    await db.execute(sql`
      select distinct on (f.customer_step_id) f.customer_step_id, f.drifted
      from manifest_files f join manifest_publishes p on p.id = f.publish_id and p.status = 'merged'
      where p.release_id = ${releaseId}
      order by f.customer_step_id, p.id desc`),
  );
  return new Set(rows.filter((r) => r.drifted === true).map((r) => Number(r.customer_step_id)));
}

/** Customers with open steps to publish (the "chosen customers" publish), by cluster and name. */
export async function customersToPublish(releaseId: number, db: DbOrTx = getDb()): Promise<Array<{ id: number; name: string; cluster: string; stage: string | null; steps: number }>> {
  const rows = executedRows(
    await db.execute(sql`
      select c.id, c.name, k.name as cluster, (select rs.name from release_stages rs where rs.id = ${releaseStageIdOf(sql`s.release_id`, sql`c`)}) as stage, count(*) as steps
      from customer_steps s join customers c on c.id = s.customer_id join clusters k on k.id = c.cluster_id
      where s.release_id = ${releaseId} and s.removed_at is null and s.execution = 'manifest' and s.status in ('pending', 'reverted') and c.is_active
      group by c.id, c.name, k.name, s.release_id
      order by lower(k.name), lower(c.name), c.id
      limit 2000`),
  );
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name), cluster: String(r.cluster), stage: (r.stage as string | null) ?? null, steps: Number(r.steps) }));
}
