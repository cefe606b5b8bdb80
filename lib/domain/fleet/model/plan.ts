import type { FleetCluster, FleetCustomer, FleetFile, FleetProblem } from "./fleet-file";

/** Runsheet's fleet as it is (clusters not deleted; customers on them, active or archived). */
export type CurrentFleet = {
  clusters: Array<{ id: number; name: string; kubeconfigPath: string | null; description: string; metadata: Record<string, string> }>;
  customers: Array<{ id: number; name: string; clusterId: number; cluster: string; namespace: string; description: string; metadata: Record<string, string>; isActive: boolean }>;
};

export type FieldChange = { field: "name" | "cluster" | "namespace" | "description" | "metadata" | "kubeconfigPath"; from: string; to: string };

export type FleetPlan = {
  clusters: {
    create: FleetCluster[];
    update: Array<{ id: number; name: string; changes: FieldChange[]; row: FleetCluster }>;
    unchanged: number;
    /** Clusters Runsheet has that the file does not list: kept (an import never deletes a cluster). */
    notInFile: string[];
  };
  customers: {
    create: FleetCustomer[];
    /** A move between clusters is an update with a `cluster` change: its scripts run elsewhere from now on. */
    update: Array<{ id: number; name: string; changes: FieldChange[]; moved: boolean; row: FleetCustomer }>;
    archive: Array<{ id: number; name: string; cluster: string; why: "archived in the file" | "missing from the file" }>;
    restore: Array<{ id: number; name: string; cluster: string; row: FleetCustomer }>;
    /** Active customers the file does not list, kept because "archive customers missing from the file" is off. */
    keptMissing: Array<{ id: number; name: string; cluster: string }>;
    unchanged: number;
  };
  problems: FleetProblem[];
};

export type PlanOptions = { archiveMissing: boolean };

const key = (name: string) => name.toLowerCase();
const sameMetadata = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const sorted = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
const metadataText = (m: Record<string, string>) =>
  Object.entries(sorted(m))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ") || "(none)";

/**
 * What applying a fleet file would change, field by field, and every problem by path — before
 * anything is written (issue 27). Clusters and customers are matched by name (case-insensitive,
 * as Runsheet keeps names unique); a customer's name is who it is, so a rename is an archive and
 * a create. The rules are the forms': a namespace is used by one active customer per cluster, a
 * customer's cluster exists (in Runsheet or in the file), names are unique. Applying the plan
 * (mutations/apply.ts) checks them again inside its transaction; this is what the preview shows.
 */
export function planFleet(current: CurrentFleet, file: FleetFile, options: PlanOptions): FleetPlan {
  const problems: FleetProblem[] = [];
  const plan: FleetPlan = {
    clusters: { create: [], update: [], unchanged: 0, notInFile: [] },
    customers: { create: [], update: [], archive: [], restore: [], keptMissing: [], unchanged: 0 },
    problems,
  };

  // Clusters.
  const clusterByKey = new Map(current.clusters.map((c) => [key(c.name), c]));
  const fileClusterAt = new Map<string, number>();
  file.clusters.forEach((c, i) => {
    const k = key(c.name);
    const first = fileClusterAt.get(k);
    if (first !== undefined) {
      problems.push({ path: `clusters.${i}.name`, message: `${c.name} is listed twice (also clusters.${first}).` });
      return;
    }
    fileClusterAt.set(k, i);
    const have = clusterByKey.get(k);
    if (!have) {
      plan.clusters.create.push(c);
      return;
    }
    const changes: FieldChange[] = [];
    if (have.name !== c.name) changes.push({ field: "name", from: have.name, to: c.name });
    if ((have.kubeconfigPath ?? "") !== (c.kubeconfigPath ?? "")) changes.push({ field: "kubeconfigPath", from: have.kubeconfigPath ?? "(none)", to: c.kubeconfigPath ?? "(none)" });
    if (have.description !== c.description) changes.push({ field: "description", from: have.description, to: c.description });
    if (!sameMetadata(have.metadata, c.metadata)) changes.push({ field: "metadata", from: metadataText(have.metadata), to: metadataText(c.metadata) });
    if (changes.length) plan.clusters.update.push({ id: have.id, name: have.name, changes, row: c });
    else plan.clusters.unchanged++;
  });
  plan.clusters.notInFile = current.clusters.filter((c) => !fileClusterAt.has(key(c.name))).map((c) => c.name);
  const clusterKnown = (name: string) => clusterByKey.has(key(name)) || fileClusterAt.has(key(name));
  const clusterName = (name: string) => file.clusters[fileClusterAt.get(key(name)) ?? -1]?.name ?? clusterByKey.get(key(name))?.name ?? name;

  // Customers. Names are unique among active customers only, so a file (an export) may list an
  // archived customer beside an active one of the same name: an active row is the active customer
  // of its name (else the latest archived one, restored); an archived row is first the archived
  // customer it describes exactly (name, cluster, namespace), then the active one it archives.
  const activeByName = new Map<string, CurrentFleet["customers"][number]>();
  const archivedByName = new Map<string, Array<CurrentFleet["customers"][number]>>();
  for (const c of [...current.customers].sort((a, b) => b.id - a.id)) {
    if (c.isActive) activeByName.set(key(c.name), c);
    else archivedByName.set(key(c.name), [...(archivedByName.get(key(c.name)) ?? []), c]);
  }
  const matched = new Set<number>();
  /** Who holds each cluster/namespace once the plan is applied: "cluster\0namespace" → holder. */
  const holders = new Map<string, { name: string; at: number | null }>();
  const hold = (cluster: string, namespace: string, holder: { name: string; at: number | null }) => {
    const slot = `${key(cluster)}\0${namespace}`;
    const other = holders.get(slot);
    if (other) return other;
    holders.set(slot, holder);
    return null;
  };

  const rows: Array<{ row: FleetCustomer; at: number }> = [];
  const activeAt = new Map<string, number>();
  const archivedAt = new Map<string, number>();
  file.customers.forEach((c, i) => {
    if (!clusterKnown(c.cluster)) {
      problems.push({ path: `customers.${i}.cluster`, message: `There is no cluster named ${c.cluster}, in Runsheet or in this file.` });
      return;
    }
    const row = { ...c, cluster: clusterName(c.cluster) };
    const seen = row.archived ? archivedAt : activeAt;
    const sig = row.archived ? `${key(row.name)}\0${key(row.cluster)}\0${row.namespace}` : key(row.name);
    const first = seen.get(sig);
    if (first !== undefined) {
      problems.push({ path: `customers.${i}.name`, message: `${c.name} is listed twice (also customers.${first}).` });
      return;
    }
    seen.set(sig, i);
    rows.push({ row, at: i });
  });
  const pairs = new Map<number, CurrentFleet["customers"][number] | undefined>();
  const take = (at: number, have: CurrentFleet["customers"][number] | undefined) => {
    if (have) matched.add(have.id);
    pairs.set(at, have);
  };
  // 1. Archived rows that describe an archived customer exactly.
  for (const { row, at } of rows.filter((r) => r.row.archived)) {
    const exact = (archivedByName.get(key(row.name)) ?? []).find((c) => !matched.has(c.id) && key(c.cluster) === key(row.cluster) && c.namespace === row.namespace);
    if (exact) take(at, exact);
  }
  // 2. Active rows: the active customer of that name, else the latest archived one (restored).
  for (const { row, at } of rows.filter((r) => !r.row.archived)) {
    const active = activeByName.get(key(row.name));
    take(at, active ?? (archivedByName.get(key(row.name)) ?? []).find((c) => !matched.has(c.id)));
  }
  // 3. Other archived rows: the active customer of that name (archived now) unless an active row
  //    claims it, else an archived one of that name; else nothing (Runsheet never had it).
  for (const { row, at } of rows.filter((r) => r.row.archived && !pairs.has(r.at))) {
    const active = activeByName.get(key(row.name));
    if (active && !matched.has(active.id)) take(at, active);
    else take(at, (archivedByName.get(key(row.name)) ?? []).find((c) => !matched.has(c.id)));
  }

  const activeAfter: Array<{ row: FleetCustomer; at: number }> = [];
  for (const { row, at } of rows.sort((a, b) => a.at - b.at)) {
    const have = pairs.get(at);
    if (!have) {
      if (!row.archived) {
        plan.customers.create.push(row);
        activeAfter.push({ row, at });
      }
      continue;
    }
    const changes: FieldChange[] = [];
    if (have.name !== row.name) changes.push({ field: "name", from: have.name, to: row.name });
    const moved = key(have.cluster) !== key(row.cluster);
    if (moved) changes.push({ field: "cluster", from: have.cluster, to: row.cluster });
    if (have.namespace !== row.namespace) changes.push({ field: "namespace", from: have.namespace, to: row.namespace });
    if (have.description !== row.description) changes.push({ field: "description", from: have.description, to: row.description });
    if (!sameMetadata(have.metadata, row.metadata)) changes.push({ field: "metadata", from: metadataText(have.metadata), to: metadataText(row.metadata) });
    if (changes.length) plan.customers.update.push({ id: have.id, name: have.name, changes, moved, row });
    if (have.isActive && row.archived) plan.customers.archive.push({ id: have.id, name: have.name, cluster: have.cluster, why: "archived in the file" });
    if (!have.isActive && !row.archived) plan.customers.restore.push({ id: have.id, name: have.name, cluster: row.cluster, row });
    if (!changes.length && have.isActive === !row.archived) plan.customers.unchanged++;
    if (!row.archived) activeAfter.push({ row, at });
  }

  // Active customers the file does not list: archived on request, else kept (and still hold their namespace).
  for (const c of current.customers) {
    if (!c.isActive || matched.has(c.id)) continue;
    if (options.archiveMissing) plan.customers.archive.push({ id: c.id, name: c.name, cluster: c.cluster, why: "missing from the file" });
    else {
      plan.customers.keptMissing.push({ id: c.id, name: c.name, cluster: c.cluster });
      hold(c.cluster, c.namespace, { name: c.name, at: null });
    }
  }
  // BR-M01 on the result: one active customer per namespace in a cluster.
  for (const { row, at } of activeAfter) {
    const other = hold(row.cluster, row.namespace, { name: row.name, at });
    if (other) {
      problems.push({
        path: `customers.${at}.namespace`,
        message:
          other.at === null
            ? `${row.namespace} is already used by ${other.name} in ${row.cluster} (not in this file, so it stays${options.archiveMissing ? "" : "; tick \"archive customers missing from the file\" to archive it"}).`
            : `${row.namespace} is also customers.${other.at}'s (${other.name}) in ${row.cluster}.`,
      });
    }
  }
  return plan;
}

/** Nothing to do: the same file applied twice changes nothing the second time. */
export const planIsEmpty = (p: FleetPlan) =>
  !p.clusters.create.length && !p.clusters.update.length && !p.customers.create.length && !p.customers.update.length && !p.customers.archive.length && !p.customers.restore.length;
