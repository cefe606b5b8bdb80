import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clusters, customers, releaseCustomers, releases } from "@/db/schema";
import { builtInNames } from "@/lib/domain/content/model/variables";

/**
 * Every variable name some customer of this release could have: the built-ins, and the metadata
 * keys of its customers (the included ones once it is active, every active one before), of
 * clusters that exist and of the release itself. A name outside
 * this set is a typo (refused on save); a name inside it that one customer lacks is a missing
 * value for that customer (shown, not refused). Three small reads: saving a template is rare.
 */
export async function knownVariableNames(db: DbOrTx, releaseId: number): Promise<Set<string>> {
  // The release's own customers once it has them (active: those included); a draft's are every active customer.
  const included = await db
    .select({ metadata: customers.metadata })
    .from(customers)
    .innerJoin(releaseCustomers, and(eq(releaseCustomers.customerId, customers.id), eq(releaseCustomers.releaseId, releaseId), eq(releaseCustomers.membership, "included")))
    .where(eq(customers.isActive, true));
  const [customerRows, clusterRows, releaseRows] = await Promise.all([
    included.length ? included : db.select({ metadata: customers.metadata }).from(customers).where(eq(customers.isActive, true)),
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
