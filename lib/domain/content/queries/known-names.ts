import "server-only";
import { eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clusters, customers, releases } from "@/db/schema";
import { builtInNames } from "@/lib/domain/content/model/variables";

/**
 * Every variable name some customer of this release could have: the built-ins, and the metadata
 * keys of active customers, of clusters that exist and of the release itself. A name outside
 * this set is a typo (refused on save); a name inside it that one customer lacks is a missing
 * value for that customer (shown, not refused). Three small reads: saving a template is rare.
 */
export async function knownVariableNames(db: DbOrTx, releaseId: number): Promise<Set<string>> {
  const [customerRows, clusterRows, releaseRows] = await Promise.all([
    db.select({ metadata: customers.metadata }).from(customers).where(eq(customers.isActive, true)),
    db.select({ metadata: clusters.metadata }).from(clusters).where(isNull(clusters.deletedAt)),
    db.select({ metadata: releases.metadata }).from(releases).where(eq(releases.id, releaseId)),
  ]);
  const names = new Set<string>(builtInNames);
  const add = (prefix: string, rows: { metadata: Record<string, string> }[]) => {
    for (const { metadata } of rows) for (const key of Object.keys(metadata ?? {})) names.add(`${prefix}.${key}`);
  };
  add("customer", customerRows);
  add("cluster", clusterRows);
  add("release", releaseRows);
  return names;
}
