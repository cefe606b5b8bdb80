import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";

export type ReleaseRef = { id: number; name: string; versionNumber: string | null; status: string };

/**
 * A release named the way a pipeline knows it: its id, its name (any case), or its version number.
 * Several releases with that version number answer all of them, and the caller asks for the id.
 */
export async function releasesByRef(ref: string, db: DbOrTx = getDb()): Promise<ReleaseRef[]> {
  const asId = /^\d{1,10}$/.test(ref) && Number(ref) <= 2_147_483_647 ? Number(ref) : null;
  const result = await db.execute(sql`
    select id, name, version_number, status from releases
    where ${asId === null ? sql`false` : sql`id = ${asId}`}
       or lower(name) = lower(${ref})
       or version_number = ${ref}
    order by id
    limit 10
  `);
  const rows = executedRows(result) as Array<{ id: number; name: string; version_number: string | null; status: string }>;
  // An exact id or name wins over version numbers that happen to match too.
  const exact = rows.filter((r) => r.id === asId || r.name.toLowerCase() === ref.toLowerCase());
  return (exact.length ? exact.slice(0, 1) : rows).map((r) => ({ id: r.id, name: r.name, versionNumber: r.version_number, status: r.status }));
}
