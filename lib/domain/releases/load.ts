import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db/client";
import { notFound } from "@/lib/domain/errors";
import type { ReleaseStatus, ReleaseType } from "./rules";

export type LockedRelease = {
  id: number;
  name: string;
  type: ReleaseType;
  status: ReleaseStatus;
  scope: "all" | "selected";
};

/**
 * Reads a release and locks its row until the transaction ends, so lifecycle checks and the
 * writes that depend on them cannot interleave with another session's (e.g. two activations).
 */
export async function lockRelease(tx: DbOrTx, releaseId: number): Promise<LockedRelease> {
  const [row] = rowsOf<LockedRelease>(
    await tx.execute(sql`select id, name, type, status, scope from releases where id = ${releaseId} for update`),
  );
  if (!row) throw notFound("The release");
  return row;
}
