import { parse as parseYaml } from "yaml";
import { yamlTooDeep } from "@/lib/domain/shared/yaml-depth";
import type { FleetCluster, FleetProblem, Parsed } from "./fleet-file";

/**
 * A kubeconfig file's contexts as clusters (issue 27): one cluster per context, named after it,
 * with the context's cluster server URL (and the context's own name, for `kubectl --context`) as
 * metadata. Never the credentials: users, tokens, certificates and keys are not read into
 * anything — the kubeconfig stays on the hosts that use it, and Runsheet keeps only its path.
 */
export function clustersFromKubeconfig(text: string, options: { kubeconfigPath?: string | null } = {}): Parsed<{ clusters: FleetCluster[]; renamed: Array<{ context: string; name: string }> }> {
  const source = text.replace(/^\uFEFF/, "");
  const deep = yamlTooDeep(source);
  if (deep) return { ok: false, problems: [{ path: `(line ${deep.line})`, message: deep.message }] };
  let raw: unknown;
  try {
    raw = parseYaml(source, { maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [{ path: "(file)", message: `This is not a kubeconfig (YAML): ${(error as Error).message.split("\n")[0]}` }] };
  }
  const doc = (raw ?? {}) as { kind?: unknown; contexts?: unknown; clusters?: unknown };
  if (typeof doc !== "object" || !Array.isArray(doc.contexts)) {
    return { ok: false, problems: [{ path: "contexts", message: "A kubeconfig lists its contexts under contexts:; this file has none." }] };
  }
  const servers = new Map<string, string>();
  for (const c of Array.isArray(doc.clusters) ? doc.clusters : []) {
    const entry = c as { name?: unknown; cluster?: { server?: unknown } };
    if (typeof entry?.name === "string" && typeof entry.cluster?.server === "string") servers.set(entry.name, entry.cluster.server);
  }
  const problems: FleetProblem[] = [];
  const clusters: FleetCluster[] = [];
  const renamed: Array<{ context: string; name: string }> = [];
  const taken = new Set<string>();
  doc.contexts.forEach((c, i) => {
    const entry = c as { name?: unknown; context?: { cluster?: unknown; namespace?: unknown } };
    if (typeof entry?.name !== "string" || !entry.name.trim()) {
      problems.push({ path: `contexts.${i}.name`, message: "A context needs a name." });
      return;
    }
    const name = clusterNameFor(entry.name);
    if (taken.has(name.toLowerCase())) {
      problems.push({ path: `contexts.${i}.name`, message: `Two contexts become the cluster name ${name}; rename one in the file.` });
      return;
    }
    taken.add(name.toLowerCase());
    if (name !== entry.name) renamed.push({ context: entry.name, name });
    const server = typeof entry.context?.cluster === "string" ? servers.get(entry.context.cluster) : undefined;
    clusters.push({
      name,
      kubeconfigPath: options.kubeconfigPath?.trim() || null,
      description: "",
      metadata: { context: entry.name, ...(server ? { server } : {}) },
    });
  });
  if (problems.length) return { ok: false, problems };
  if (clusters.length === 0) return { ok: false, problems: [{ path: "contexts", message: "This kubeconfig has no contexts." }] };
  return { ok: true, value: { clusters, renamed } };
}

/**
 * A context's name as a cluster name (letters, digits, '.', '_', '-'; ≤ 63): EKS and GKE context
 * names (`arn:aws:eks:eu-west-1:123:cluster/prod`, `gke_proj_zone_prod`) keep their readable tail.
 */
export function clusterNameFor(context: string): string {
  const tail = context.startsWith("arn:") && context.includes("/") ? context.slice(context.lastIndexOf("/") + 1) : context;
  const cleaned = tail
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 63)
    .replace(/[-.]+$/, "");
  return cleaned || "cluster";
}
