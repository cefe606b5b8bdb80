import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { CurrentFleet } from "@/lib/domain/fleet/model/plan";
import { FLEET_FILE_KIND, type FleetFile } from "@/lib/domain/fleet/model/fleet-file";

const metadataOf = (v: unknown): Record<string, string> => (typeof v === "string" ? (JSON.parse(v) as Record<string, string>) : ((v as Record<string, string> | null) ?? {}));

/**
 * The fleet as Runsheet has it: clusters that are not deleted and every customer on them (active
 * and archived). `lock` (inside the import's transaction) holds the rows until it commits, so the
 * plan applied is the plan computed.
 */
export async function currentFleet(db: DbOrTx = getDb(), { lock = false } = {}): Promise<CurrentFleet> {
  // Locked customers first, then clusters: the order the customer forms take (a customer, then its
  // cluster FOR SHARE), so an import and an edit wait for each other instead of deadlocking.
  const customerRows = executedRows(
    await db.execute(sql`
      select c.id, c.name, c.cluster_id, k.name as cluster, c.namespace, c.description, c.metadata, c.is_active
      from customers c join clusters k on k.id = c.cluster_id
      where k.deleted_at is null order by c.id ${lock ? sql`for update of c` : sql``}`),
  );
  const clusters = executedRows(
    await db.execute(sql`
      select id, name, kubeconfig_path, description, metadata from clusters where deleted_at is null order by id ${lock ? sql`for update` : sql``}`),
  ).map((r) => ({ id: Number(r.id), name: String(r.name), kubeconfigPath: (r.kubeconfig_path as string | null) ?? null, description: String(r.description), metadata: metadataOf(r.metadata) }));
  const customers = customerRows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    clusterId: Number(r.cluster_id),
    cluster: String(r.cluster),
    namespace: String(r.namespace),
    description: String(r.description),
    metadata: metadataOf(r.metadata),
    isActive: Boolean(r.is_active),
  }));
  return { clusters, customers };
}

/** Export fleet: the file that, imported back, changes nothing. */
export async function exportFleet(db: DbOrTx = getDb()): Promise<FleetFile> {
  const fleet = await currentFleet(db);
  return {
    kind: FLEET_FILE_KIND,
    clusters: fleet.clusters.map(({ name, kubeconfigPath, description, metadata }) => ({ name, kubeconfigPath, description, metadata })),
    customers: fleet.customers.map((c) => ({ name: c.name, cluster: c.cluster, namespace: c.namespace, description: c.description, metadata: c.metadata, archived: !c.isActive })),
  };
}

/**
 * What joining the active releases means for N new customers, for the preview: each active release
 * activated for all customers and how many template steps a customer gets from it.
 */
export async function releasesNewCustomersJoin(db: DbOrTx = getDb()): Promise<Array<{ releaseId: number; name: string; steps: number }>> {
  return executedRows(
    await db.execute(sql`
      select r.id, r.name, (select count(*) from step_templates t where t.release_id = r.id and t.deleted_at is null)::int as steps
      from releases r where r.status = 'active' and r.scope = 'all' order by r.id`),
  ).map((r) => ({ releaseId: Number(r.id), name: String(r.name), steps: Number(r.steps) }));
}
