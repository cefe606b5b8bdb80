import { parseAllDocuments } from "yaml";
import { yamlTooDeep } from "@/lib/domain/shared/yaml-depth";

/** One Kubernetes object of a rendered manifest. */
export type ManifestObject = {
  kind: string;
  name: string;
  /** `metadata.namespace`, or null when the manifest leaves it to `kubectl -n`. */
  namespace: string | null;
  /** Set when the object names a namespace other than the customer's: the wrong-customer check. */
  wrongNamespace: boolean;
};

/**
 * The objects a rendered YAML step would apply (kind, name, namespace), documents in order, and
 * whether any names another namespace than the customer's. Kinds that are not namespaced
 * (a Namespace itself, ClusterRole…) are listed but never flagged. Null when the text does not
 * parse (a value may have broken it; the save-time check saw the template).
 */
const clusterScoped = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PersistentVolume",
  "StorageClass",
  "PriorityClass",
  "IngressClass",
  "Node",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "APIService",
]);

/**
 * The Kubernetes objects of a rendered manifest as plain values (documents in order, a List's
 * items in its place; anything without a `kind` left out), or null when the text does not parse.
 */
export function manifestItems(rendered: string): Array<Record<string, unknown>> | null {
  // A value can make a rendered manifest deeper than the saved text was: not read, as for a syntax error.
  if (yamlTooDeep(rendered)) return null;
  const docs = parseAllDocuments(rendered);
  if ("empty" in docs) return [];
  if (docs.some((d) => d.errors.length)) return null;
  const items: Array<Record<string, unknown>> = [];
  for (const doc of docs) {
    let value: unknown;
    try {
      value = doc.toJS();
    } catch {
      // An alias without its anchor (`*prod`, e.g. from a value) parses but cannot be read.
      return null;
    }
    // A List (kubectl get -o yaml) holds its objects in items.
    const inner: unknown[] = isRecord(value) && value.kind === "List" && Array.isArray(value.items) ? value.items : [value];
    for (const item of inner) if (isRecord(item) && typeof item.kind === "string") items.push(item);
  }
  return items;
}

/** One object's kind, name and namespace, flagged when it names another namespace than the customer's. */
export function objectOf(item: Record<string, unknown>, namespace: string): ManifestObject {
  const metadata = isRecord(item.metadata) ? item.metadata : {};
  const ns = typeof metadata.namespace === "string" ? metadata.namespace : null;
  const kind = String(item.kind);
  return {
    kind,
    name: typeof metadata.name === "string" ? metadata.name : typeof metadata.generateName === "string" ? `${metadata.generateName}…` : "(no name)",
    namespace: ns,
    wrongNamespace: ns !== null && ns !== namespace && !clusterScoped.has(kind),
  };
}

export function manifestObjects(rendered: string, namespace: string): ManifestObject[] | null {
  return manifestItems(rendered)?.map((item) => objectOf(item, namespace)) ?? null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
