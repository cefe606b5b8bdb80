import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import { notFound } from "@/lib/domain/errors";
import { blobsAt, fetchBranches, withCache } from "@/lib/git/repository";
import type { CompareInput } from "@/lib/domain/manifests/input";
import type { CompareResult } from "@/lib/domain/manifests/types";
import type { RepositoryRow } from "@/lib/domain/manifests/types";
import { cacheDirOf, refusalOf, remoteOf } from "./access";

/**
 * Drift back: does the target branch still hold, at each merged path, exactly the file that was
 * reviewed and merged? Someone may have edited a manifest by hand since. Each merged step's
 * newest merge is checked (a release's, or one step's), the answer kept with the file so the
 * panel and the matrix can warn, and returned.
 */
export async function compareWithRepository(_actor: Actor, input: CompareInput, { db = getDb() }: { db?: Db } = {}): Promise<CompareResult> {
  const rows = executedRows(
    await db.execute(sql`
      select distinct on (f.customer_step_id) f.id, f.customer_step_id, f.path, f.blob_sha, c.name as customer_name,
             mr.id as repo_id, mr.name as repo_name, mr.url, mr.token_box, mr.branch, mr.path_pattern, p.target_branch
      from manifest_files f
      join manifest_publishes p on p.id = f.publish_id and p.status = 'merged'
      join manifest_repositories mr on mr.id = p.repository_id
      join customer_steps s on s.id = f.customer_step_id and s.status = 'done'
      join customers c on c.id = f.customer_id
      where p.release_id = ${input.releaseId} ${input.stepId !== undefined ? sql`and f.customer_step_id = ${input.stepId}` : sql``}
      order by f.customer_step_id, p.merged_at desc, p.id desc`),
  );
  if (input.stepId !== undefined && !rows.length) throw notFound("A merged manifest for that step");
  const byRepo = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const key = `${Number(r.repo_id)}:${String(r.target_branch)}`;
    byRepo.set(key, [...(byRepo.get(key) ?? []), r]);
  }
  const result: CompareResult = { checked: rows.length, same: 0, changed: [], targetSha: null };
  for (const group of byRepo.values()) {
    const first = group[0]!;
    const repo: RepositoryRow = { id: Number(first.repo_id), name: String(first.repo_name), url: String(first.url), tokenBox: (first.token_box as string | null) ?? null, branch: String(first.branch), pathPattern: String(first.path_pattern) };
    const target = String(first.target_branch);
    const dir = cacheDirOf(repo);
    const { head, blobs } = await withCache(dir, async () => {
      const heads = await fetchBranches(dir, remoteOf(repo), [target]);
      const h = heads.get(target) ?? null;
      return { head: h, blobs: h ? await blobsAt(dir, h, group.map((g) => String(g.path))) : new Map<string, string | null>() };
    }).catch((e: unknown) => refusalOf(repo, e));
    result.targetSha ??= head;
    const checked = group.map((g) => ({ id: Number(g.id), now: blobs.get(String(g.path)) ?? null, drifted: (blobs.get(String(g.path)) ?? null) !== String(g.blob_sha) }));
    await db.execute(sql`
      update manifest_files f set drifted = x.drifted, drift_blob_sha = x.now, drift_checked_at = now()
      from jsonb_to_recordset(${JSON.stringify(checked)}::jsonb) as x(id bigint, now text, drifted boolean)
      where f.id = x.id`);
    group.forEach((g, i) => {
      const c = checked[i]!;
      if (c.drifted) result.changed.push({ stepId: Number(g.customer_step_id), customer: String(g.customer_name), path: String(g.path), missing: c.now === null });
      else result.same += 1;
    });
  }
  return result;
}
