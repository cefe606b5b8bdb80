import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { ReleaseStatus } from "@/db/schema/vocabulary";

/** Enough of a release to head its manifests pages. */
export async function getReleaseHeading(releaseId: number, db: DbOrTx = getDb()): Promise<{ id: number; name: string; status: ReleaseStatus; manifestSteps: number } | null> {
  const [r] = executedRows(
    await db.execute(sql`select id, name, status, (select count(*) from step_templates t where t.release_id = releases.id and t.execution = 'manifest' and t.deleted_at is null) as manifest_steps from releases where id = ${releaseId}`),
  );
  return r ? { id: Number(r.id), name: String(r.name), status: r.status as ReleaseStatus, manifestSteps: Number(r.manifest_steps) } : null;
}

/** A release's stage by id or by name (the API's `stage`), or null. */
export async function stageByRef(releaseId: number, ref: string | number, db: DbOrTx = getDb()): Promise<number | null> {
  const asId = typeof ref === "number" ? ref : /^\d{1,9}$/.test(ref) ? Number(ref) : null;
  const [r] = executedRows(
    await db.execute(sql`select id from release_stages where release_id = ${releaseId} and (${asId === null ? sql`false` : sql`id = ${asId}`} or lower(name) = lower(${String(ref)})) order by id limit 1`),
  );
  return r ? Number(r.id) : null;
}
