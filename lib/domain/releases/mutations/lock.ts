import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { releases } from "@/db/schema";
import { notFound } from "@/lib/domain/errors";
import type { ReleaseStatus, ReleaseType } from "@/db/schema/vocabulary";

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
 *
 * The lock order (one for every transaction that touches a release, its template steps and its
 * customer steps): **release → template steps → customer steps (by id)**.
 *  - Every change of more than one customer step, and every template change, takes this lock
 *    first, so such changes to one release run one after another.
 *  - A change of one customer step does not take it: it holds only that step's row, and the
 *    foreign-key checks of its history row need just a KEY SHARE lock on the release.
 *  - So this is FOR NO KEY UPDATE, not FOR UPDATE: it does not conflict with KEY SHARE. With FOR
 *    UPDATE, a template edit (release, then the copy) and an override of that copy (the copy,
 *    then the release via the history row's foreign key) deadlocked; now the override finishes
 *    and the edit skips the copy it made overridden, or the edit wins and the override gets a
 *    conflict answer (tests/integration/lock-order.test.ts).
 */
export async function lockRelease(tx: DbOrTx, releaseId: number): Promise<LockedRelease> {
  const [row] = await tx
    .select({ id: releases.id, name: releases.name, type: releases.type, status: releases.status, scope: releases.scope })
    .from(releases)
    .where(eq(releases.id, releaseId))
    .for("no key update");
  if (!row) throw notFound("The release");
  return row;
}
