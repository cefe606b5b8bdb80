import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { ManifestRepository } from "@/lib/domain/manifests/types";

/** Every manifest repository with what it serves (admins; the token never leaves the database). */
export async function listRepositories(db: DbOrTx = getDb()): Promise<ManifestRepository[]> {
  const rows = executedRows(
    await db.execute(sql`
      select mr.id, mr.name, mr.url, mr.branch, mr.path_pattern, mr.token_box is not null as has_token, mr.track_id, mr.cluster_id, mr.created_at,
             coalesce(t.name, k.name) as scope_name, (select count(*) from manifest_publishes p where p.repository_id = mr.id) as publishes
      from manifest_repositories mr left join tracks t on t.id = mr.track_id left join clusters k on k.id = mr.cluster_id
      order by lower(mr.name), mr.id`),
  );
  return rows.map((r) => {
    const kind = r.track_id !== null ? ("track" as const) : ("cluster" as const);
    const id = Number(kind === "track" ? r.track_id : r.cluster_id);
    return {
      id: Number(r.id),
      name: String(r.name),
      url: String(r.url),
      branch: String(r.branch),
      pathPattern: String(r.path_pattern),
      hasToken: Boolean(r.has_token),
      scope: { kind, id, name: String(r.scope_name ?? "") },
      scopeValue: `${kind}:${id}`,
      publishes: Number(r.publishes),
      createdAt: new Date(r.created_at as string).toISOString(),
    };
  });
}

/** What a repository may serve: tracks and clusters (the form's choices). */
export async function repositoryScopes(db: DbOrTx = getDb()): Promise<{ tracks: Array<{ id: number; name: string }>; clusters: Array<{ id: number; name: string }> }> {
  const tracks = executedRows(await db.execute(sql`select id, name from tracks order by lower(name)`)).map((r) => ({ id: Number(r.id), name: String(r.name) }));
  const clusters = executedRows(await db.execute(sql`select id, name from clusters where deleted_at is null order by lower(name)`)).map((r) => ({ id: Number(r.id), name: String(r.name) }));
  return { tracks, clusters };
}
