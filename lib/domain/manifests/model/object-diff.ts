import { manifestItems, objectOf, type ManifestObject } from "@/lib/domain/content/model/manifest";

export type ObjectChange = ManifestObject & { change: "added" | "changed" | "removed" | "unchanged" };

/**
 * What merging a file would do to the Kubernetes objects it holds, by kind/name/namespace: objects
 * only in the new text are added, only in the old one removed (GitOps prunes them), in both but
 * different changed. `before` is null for a file the target branch does not have yet. Null when
 * either text does not parse as YAML (the text diff still shows it).
 */
export function objectChanges(before: string | null, after: string, namespace: string): ObjectChange[] | null {
  const next = bodies(after, namespace);
  const prev = before === null ? new Map<string, Body>() : bodies(before, namespace);
  if (!next || !prev) return null;
  const out: ObjectChange[] = [];
  for (const [key, b] of next) {
    const old = prev.get(key);
    out.push({ ...b.object, change: !old ? "added" : old.json === b.json ? "unchanged" : "changed" });
  }
  for (const [key, b] of prev) if (!next.has(key)) out.push({ ...b.object, change: "removed" });
  return out;
}

type Body = { object: ManifestObject; json: string };

function bodies(text: string, namespace: string): Map<string, Body> | null {
  const items = manifestItems(text);
  if (!items) return null;
  const out = new Map<string, Body>();
  for (const item of items) {
    const object = objectOf(item, namespace);
    out.set(`${object.kind}/${object.namespace ?? ""}/${object.name}`, { object, json: stable(item) });
  }
  return out;
}

/** JSON with keys sorted: the same object written in another key order is not a change. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (isRecord(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
