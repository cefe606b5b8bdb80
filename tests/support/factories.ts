import { getDb } from "@/db/client";
import { clusters, customers, releaseCustomers, releases, stepTemplates } from "@/db/schema";

let seq = 0;
const next = () => `${++seq}-${Math.random().toString(36).slice(2, 6)}`;

/** Direct inserts for arranging a test; the behaviour under test goes through the domain. */
export async function makeCluster(values: Partial<typeof clusters.$inferInsert> = {}) {
  const [row] = await getDb().insert(clusters).values({ name: `cluster-${next()}`, ...values }).returning();
  return row;
}

export async function makeCustomer(clusterId: number, values: Partial<typeof customers.$inferInsert> = {}) {
  const n = next();
  const [row] = await getDb()
    .insert(customers)
    .values({ clusterId, name: `customer-${n}`, namespace: `ns-${n}`, ...values })
    .returning();
  return row;
}

export async function makeRelease(values: Partial<typeof releases.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(releases)
    .values({ name: `release-${next()}`, type: "release", versionNumber: "v1.0.0", ...values })
    .returning();
  return row;
}

export async function makeTemplate(releaseId: number, values: Partial<typeof stepTemplates.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(stepTemplates)
    .values({ releaseId, name: `step-${next()}`, category: "deploy", type: "bash", content: "echo hi", orderIndex: 0, ...values })
    .returning();
  return row;
}

export async function include(releaseId: number, customerIds: number[], membership: "included" | "excluded" = "included") {
  if (customerIds.length === 0) return;
  await getDb()
    .insert(releaseCustomers)
    .values(customerIds.map((customerId) => ({ releaseId, customerId, membership })));
}
