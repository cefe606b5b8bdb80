import "server-only";
import { and, asc, count, desc, eq, ilike, not, or, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { clusters, customers } from "@/db/schema";
import type { CustomerListSort } from "@/lib/domain/customers/input";
import type { CustomerDetail, CustomerSummary } from "@/lib/domain/customers/types";
import { containsPattern } from "@/lib/domain/shared/search-text";

const columns = {
  id: customers.id,
  name: customers.name,
  namespace: customers.namespace,
  description: customers.description,
  metadata: customers.metadata,
  isActive: customers.isActive,
  archivedAt: customers.archivedAt,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
  clusterId: clusters.id,
  clusterName: clusters.name,
  clusterIsActive: clusters.isActive,
  clusterDeletedAt: clusters.deletedAt,
  clusterKubeconfigPath: clusters.kubeconfigPath,
};

const selectCustomers = (db: DbOrTx) =>
  db.select(columns).from(customers).innerJoin(clusters, eq(clusters.id, customers.clusterId));

type Row = Awaited<ReturnType<typeof selectCustomers>>[number];

function toDetail(r: Row): CustomerDetail {
  return {
    id: r.id,
    name: r.name,
    namespace: r.namespace,
    description: r.description,
    metadata: r.metadata ?? {},
    isActive: r.isActive,
    archivedAt: r.archivedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    cluster: {
      id: r.clusterId,
      name: r.clusterName,
      isActive: r.clusterIsActive,
      deleted: r.clusterDeletedAt !== null,
      kubeconfigPath: r.clusterKubeconfigPath,
    },
  };
}

const customerName = sql`lower(${customers.name})`;
const clusterName = sql`lower(${clusters.name})`;

/** Name or namespace contains the text (any case, taken literally); undefined when there is none. */
const matching = (q: string | undefined) =>
  q ? or(ilike(customers.name, containsPattern(q)), ilike(customers.namespace, containsPattern(q))) : undefined;

/**
 * FM-004 / FM-006: customers with their cluster and namespace. Archived customers only when
 * asked for; `q` keeps those whose name or namespace contains it; `sort: "cluster"` orders by
 * cluster then name (the grouped view, sketch 5.4).
 */
export async function listCustomers(
  options: { clusterId?: number; includeArchived?: boolean; sort?: CustomerListSort; q?: string } = {},
  db: DbOrTx = getDb(),
): Promise<CustomerSummary[]> {
  const filters: SQL[] = [];
  if (options.clusterId !== undefined) filters.push(eq(customers.clusterId, options.clusterId));
  if (!options.includeArchived) filters.push(eq(customers.isActive, true));
  const search = matching(options.q);
  if (search) filters.push(search);
  const order =
    options.sort === "name"
      ? [asc(customerName), asc(clusterName), asc(customers.id)]
      : // Within a cluster, archived customers (when shown) come after the active ones.
        [asc(clusterName), asc(clusters.id), desc(customers.isActive), asc(customerName), asc(customers.id)];
  const rows = await selectCustomers(db)
    .where(and(...filters))
    .orderBy(...order);
  return rows.map(toDetail);
}

/** How many archived customers the list is hiding (for the "Show archived" toggle), under the same filters. */
export async function countArchivedCustomers(options: { clusterId?: number; q?: string } = {}, db: DbOrTx = getDb()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(customers)
    .where(
      and(
        not(customers.isActive),
        options.clusterId !== undefined ? eq(customers.clusterId, options.clusterId) : undefined,
        matching(options.q),
      ),
    );
  return Number(row?.n ?? 0);
}

/** FM-005: one customer, archived or not; null when unknown. */
export async function getCustomer(id: number, db: DbOrTx = getDb()): Promise<CustomerDetail | null> {
  const [row] = await selectCustomers(db).where(eq(customers.id, id));
  return row ? toDetail(row) : null;
}
