/**
 * Kubernetes label selectors, as `kubectl get -l` reads them: `tenant=true`, `tier!=free`,
 * `tier in (gold,silver)`, `env notin (dev)`, `tenant` (has the label), `!legacy` (has not),
 * comma-separated and all required. Parsed once into a predicate over a namespace's labels.
 */
export type LabelSelector = (labels: Record<string, string>) => boolean;

// Own keys only: a label named "constructor" or "toString" is a label, not the object's prototype.
const has = (labels: Record<string, string>, key: string) => Object.hasOwn(labels, key);
const valueOf = (labels: Record<string, string>, key: string) => (has(labels, key) ? labels[key] : undefined);

const KEY = String.raw`[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?`;

export function parseLabelSelector(text: string): { ok: true; matches: LabelSelector } | { ok: false; message: string } {
  const source = text.trim();
  if (!source) return { ok: true, matches: () => true };
  // Split on commas outside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of source) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  parts.push(current.trim());
  const tests: LabelSelector[] = [];
  for (const part of parts) {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*([A-Za-z0-9._-]*)$`).exec(part))) {
      const [key, op, value] = [m[1], m[3], m[4]];
      tests.push(op === "!=" ? (l) => valueOf(l, key) !== value : (l) => valueOf(l, key) === value);
    } else if ((m = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(part))) {
      const [key, op] = [m[1], m[3]];
      const values = new Set(m[4].split(",").map((v) => v.trim()).filter(Boolean));
      tests.push(op === "in" ? (l) => has(l, key) && values.has(l[key]) : (l) => !has(l, key) || !values.has(l[key]));
    } else if ((m = new RegExp(`^!\\s*(${KEY})$`).exec(part))) {
      const key = m[1];
      tests.push((l) => !has(l, key));
    } else if ((m = new RegExp(`^(${KEY})$`).exec(part))) {
      const key = m[1];
      tests.push((l) => has(l, key));
    } else {
      return { ok: false, message: `"${part}" is not a label selector term (e.g. tenant=true, tier in (gold,silver), !legacy).` };
    }
  }
  return { ok: true, matches: (labels) => tests.every((t) => t(labels)) };
}
