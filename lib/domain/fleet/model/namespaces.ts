import { namespaceProblem } from "@/lib/domain/customers/input";
import type { FleetCustomer, FleetProblem, Parsed } from "./fleet-file";
import { parseLabelSelector } from "./label-selector";

/** Kubernetes' own namespaces: never customers (a negative selector such as !legacy would match them). */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

export type NamespaceImportOptions = {
  /** The cluster the customers are on. */
  cluster: string;
  /** `kubectl get -l` syntax: which namespaces are customers (e.g. `tenant=true`). */
  selector?: string;
  /** Where a customer's name comes from: the namespace's name, a label or an annotation. */
  nameFrom?: { kind: "namespace" } | { kind: "label" | "annotation"; key: string };
  /** Labels kept as the customer's metadata. */
  keepLabels?: string[];
};

type NamespaceItem = { metadata?: { name?: unknown; labels?: Record<string, unknown>; annotations?: Record<string, unknown> } };

/**
 * The JSON of `kubectl get namespaces -o json` as customers of one cluster (issue 27): filtered by
 * a label selector, named after the namespace or one of its labels or annotations, with chosen
 * labels kept as metadata. Kubernetes' own namespaces are always left out.
 * Returns the customers and what was left out and why, for the preview.
 */
export function customersFromNamespaces(
  text: string,
  options: NamespaceImportOptions,
): Parsed<{ customers: FleetCustomer[]; skipped: Array<{ namespace: string; reason: string }> }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, problems: [{ path: "(file)", message: `This is not JSON (the output of kubectl get namespaces -o json): ${(error as Error).message}` }] };
  }
  const items = (raw as { items?: unknown })?.items;
  if (!Array.isArray(items)) return { ok: false, problems: [{ path: "items", message: "Expected the output of kubectl get namespaces -o json: a List with items." }] };
  const selector = parseLabelSelector(options.selector ?? "");
  if (!selector.ok) return { ok: false, problems: [{ path: "selector", message: selector.message }] };
  const nameFrom = options.nameFrom ?? { kind: "namespace" };
  const problems: FleetProblem[] = [];
  const customers: FleetCustomer[] = [];
  const skipped: Array<{ namespace: string; reason: string }> = [];
  items.forEach((item: NamespaceItem, i) => {
    const namespace = item?.metadata?.name;
    if (typeof namespace !== "string") {
      problems.push({ path: `items.${i}.metadata.name`, message: "A namespace without a name." });
      return;
    }
    const labels = stringsOf(item.metadata?.labels);
    const annotations = stringsOf(item.metadata?.annotations);
    if (SYSTEM_NAMESPACES.includes(namespace)) {
      skipped.push({ namespace, reason: "a Kubernetes system namespace" });
      return;
    }
    if (!selector.matches(labels)) {
      skipped.push({ namespace, reason: `does not match ${options.selector}` });
      return;
    }
    const source = nameFrom.kind === "label" ? labels : annotations;
    const name = nameFrom.kind === "namespace" ? namespace : Object.hasOwn(source, nameFrom.key) ? source[nameFrom.key] : undefined;
    if (!name?.trim()) {
      problems.push({ path: `items.${i}.metadata.${nameFrom.kind === "label" ? "labels" : "annotations"}`, message: `Namespace ${namespace} has no ${nameFrom.kind} ${"key" in nameFrom ? nameFrom.key : ""} to name its customer.` });
      return;
    }
    const problem = namespaceProblem(namespace);
    if (problem) {
      problems.push({ path: `items.${i}.metadata.name`, message: problem });
      return;
    }
    const metadata: Record<string, string> = {};
    for (const key of options.keepLabels ?? []) if (Object.hasOwn(labels, key)) metadata[metadataKeyForLabel(key)] = labels[key];
    customers.push({ name: name.trim(), cluster: options.cluster, namespace, description: "", metadata, archived: false });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { customers, skipped } };
}

function stringsOf(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === "string") out[k] = v;
  return out;
}

/**
 * A label's key as a metadata key: a prefixed label (`app.kubernetes.io/tier`) keeps its prefix
 * with "_" for the "/" (metadata keys are letters, digits, "_", "-" and "."), so two labels never
 * fold into one key.
 */
export const metadataKeyForLabel = (key: string): string => key.replace(/\//g, "_").slice(0, 64);
