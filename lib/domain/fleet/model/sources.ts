import { FLEET_FILE_KIND, fleetFileSchema, parseFleetFile, problemsOf, type FleetFile, type Parsed } from "./fleet-file";
import { customersFromCsv } from "./csv";
import { clustersFromKubeconfig } from "./kubeconfig";
import { customersFromNamespaces, type NamespaceImportOptions } from "./namespaces";
import type { CurrentFleet } from "./plan";

/** Where a fleet comes from: the files a team already has (issue 27). */
export type FleetSource =
  | { kind: "fleet"; text: string }
  | { kind: "csv"; text: string }
  | { kind: "kubeconfig"; text: string; kubeconfigPath?: string | null }
  | ({ kind: "namespaces"; text: string } & NamespaceImportOptions);

export type FleetFromSource = {
  file: FleetFile;
  /** Which customers "missing from the file" means for this source (null: none can be). */
  missingScope: "all" | { cluster: string } | null;
  /** What the reader left out or renamed, for the preview. */
  notes: string[];
};

/**
 * Any source as a whole fleet file over the fleet as it is, so one plan (model/plan.ts) and one
 * apply serve them all:
 *  - a fleet file is the whole fleet;
 *  - a customers CSV lists customers (the clusters stay; its columns set metadata keys, a
 *    customer's other keys and its description are kept);
 *  - a kubeconfig adds or updates clusters (every customer stays as it is);
 *  - a namespace list is the chosen cluster's customers (every other customer stays as it is; a
 *    namespace a customer already has on that cluster is that customer).
 */
export function fleetFromSource(current: CurrentFleet, source: FleetSource): Parsed<FleetFromSource> {
  const clusters = current.clusters.map(({ name, kubeconfigPath, description, metadata }) => ({ name, kubeconfigPath, description, metadata }));
  const customers = current.customers.map((c) => ({ name: c.name, cluster: c.cluster, namespace: c.namespace, description: c.description, metadata: c.metadata, archived: !c.isActive }));
  // By name: the active customer of a name, else its latest archived one (as the plan matches).
  const existing = new Map<string, CurrentFleet["customers"][number]>();
  for (const c of [...current.customers].sort((a, b) => Number(a.isActive) - Number(b.isActive) || a.id - b.id)) existing.set(c.name.toLowerCase(), c);
  switch (source.kind) {
    case "fleet": {
      const parsed = parseFleetFile(source.text);
      return parsed.ok ? { ok: true, value: { file: parsed.value, missingScope: "all", notes: [] } } : parsed;
    }
    case "csv": {
      const parsed = customersFromCsv(source.text);
      if (!parsed.ok) return parsed;
      // A spreadsheet says what its columns say: other metadata (a stage's label, say) and the
      // description stay as they are.
      const rows = parsed.value.customers.map((c) => {
        const have = existing.get(c.name.toLowerCase());
        return { ...c, description: have?.description ?? "", metadata: { ...(have?.metadata ?? {}), ...c.metadata }, archived: false };
      });
      return checked({ kind: FLEET_FILE_KIND, clusters: [], customers: rows }, "all", [
        `Read ${parsed.value.customers.length} rows (separated by "${parsed.value.delimiter === "\t" ? "tab" : parsed.value.delimiter}").`,
      ]);
    }
    case "kubeconfig": {
      const parsed = clustersFromKubeconfig(source.text, { kubeconfigPath: source.kubeconfigPath });
      if (!parsed.ok) return parsed;
      const byName = new Map(clusters.map((c) => [c.name.toLowerCase(), c]));
      for (const c of parsed.value.clusters) {
        const have = byName.get(c.name.toLowerCase());
        if (have) {
          have.metadata = { ...have.metadata, ...c.metadata };
          if (c.kubeconfigPath) have.kubeconfigPath = c.kubeconfigPath;
        } else clusters.push(c);
      }
      return checked({ kind: FLEET_FILE_KIND, clusters, customers }, null, parsed.value.renamed.map((r) => `Context ${r.context} is the cluster ${r.name}.`));
    }
    case "namespaces": {
      const parsed = customersFromNamespaces(source.text, source);
      if (!parsed.ok) return parsed;
      const here = source.cluster.toLowerCase();
      const others = customers.filter((c) => c.cluster.toLowerCase() !== here);
      // A namespace a customer of this cluster already has is that customer, whatever it is called
      // (its name is kept): only namespaces nobody has become new customers.
      const holder = new Map<string, CurrentFleet["customers"][number]>();
      for (const c of [...current.customers].sort((a, b) => Number(a.isActive) - Number(b.isActive) || a.id - b.id)) {
        if (c.cluster.toLowerCase() === here) holder.set(c.namespace, c);
      }
      // A new name that an active customer of another cluster has would move that customer here:
      // not what a namespace list means, so it is a problem to resolve first.
      const elsewhere = parsed.value.customers.flatMap((c) => {
        const named = holder.get(c.namespace) ? undefined : existing.get(c.name.toLowerCase());
        return named && named.isActive && named.cluster.toLowerCase() !== here
          ? [{ path: `namespaces.${c.namespace}`, message: `${c.name} is already a customer on ${named.cluster}: name this namespace's customer differently, or move ${named.name} first.` }]
          : [];
      });
      if (elsewhere.length) return { ok: false, problems: elsewhere };
      const rows = parsed.value.customers.map((c) => {
        const have = holder.get(c.namespace) ?? existing.get(c.name.toLowerCase());
        return { ...c, name: holder.get(c.namespace)?.name ?? c.name, description: have?.description ?? "", metadata: { ...(have?.metadata ?? {}), ...c.metadata } };
      });
      const listed = new Set(rows.map((r) => r.name.toLowerCase()));
      // Archived customers of this cluster stay archived unless the list names them.
      const archivedHere = customers.filter((c) => c.cluster.toLowerCase() === here && c.archived && !listed.has(c.name.toLowerCase()));
      return checked(
        { kind: FLEET_FILE_KIND, clusters: [], customers: [...others.filter((o) => !listed.has(o.name.toLowerCase())), ...archivedHere, ...rows] },
        { cluster: source.cluster },
        parsed.value.skipped.length ? [`Left out ${parsed.value.skipped.length} namespaces: ${parsed.value.skipped.slice(0, 8).map((s) => `${s.namespace} (${s.reason})`).join(", ")}${parsed.value.skipped.length > 8 ? ", …" : ""}.`] : [],
      );
    }
  }
}

/** The fleet file's own rules over what a reader built (names, namespaces, metadata), by path. */
function checked(file: FleetFile, missingScope: FleetFromSource["missingScope"], notes: string[]): Parsed<FleetFromSource> {
  const result = fleetFileSchema.safeParse(file);
  return result.success ? { ok: true, value: { file: result.data, missingScope, notes } } : { ok: false, problems: problemsOf(result.error) };
}
