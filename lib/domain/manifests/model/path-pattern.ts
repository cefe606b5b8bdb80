/**
 * Where a customer's rendered manifest goes in the manifest repository: a path pattern such as
 * `clusters/{{ cluster.name }}/{{ namespace }}/{{ release.version }}/{{ step.slug }}.yaml`.
 * Each value fills one path segment, so a value can never add a folder or climb out of the
 * repository; the pattern itself is refused when it could (`..`, an absolute path).
 */
export const pathVariables = {
  "cluster.name": "the customer's cluster",
  namespace: "the customer's namespace",
  "customer.name": "the customer's name",
  "release.version": "the release's version (its name when it has none)",
  "release.name": "the release's name",
  "step.slug": "the step's name in lowercase words joined by dashes",
} as const;
export type PathVariable = keyof typeof pathVariables;
export type PathValues = Record<PathVariable, string>;

export const defaultPathPattern = "clusters/{{ cluster.name }}/{{ namespace }}/{{ release.version }}/{{ step.slug }}.yaml";

const token = /\{\{\s*([^}]*?)\s*\}\}/g;

/** What is wrong with a pattern, in words (null: nothing). */
export function patternProblem(pattern: string): string | null {
  const p = pattern.trim();
  if (!p) return "Give a path pattern.";
  if (p.length > 300) return "Keep the path pattern under 300 characters.";
  if (p.startsWith("/") || /^[A-Za-z]:/.test(p)) return "The path is inside the repository: do not start it with /.";
  if (/[\\\n\t\0]/.test(p)) return "Use / between folders; no backslashes, tabs or line breaks.";
  const names = [...p.matchAll(token)].map((m) => m[1]!);
  const unknown = names.filter((n) => !(n in pathVariables));
  if (unknown.length) return `Unknown variable ${unknown.map((n) => `{{ ${n} }}`).join(", ")}. Use ${Object.keys(pathVariables).map((n) => `{{ ${n} }}`).join(", ")}.`;
  if (/\{\{|\}\}/.test(p.replace(token, ""))) return "A {{ or }} is not closed.";
  const segments = p.replace(token, "x").split("/");
  if (segments.some((s) => s === ".." || s === ".")) return "The path may not use . or .. folders: it must stay inside the repository.";
  if (segments.some((s) => s === "")) return "The path has an empty folder name (//, or a / at the end).";
  if (segments.some((s) => s.toLowerCase() === ".git")) return "The path may not write into .git.";
  if (!names.includes("namespace") && !names.includes("customer.name")) return "Put {{ namespace }} or {{ customer.name }} in the path, so each customer gets a file of its own.";
  if (!names.includes("step.slug")) return "Put {{ step.slug }} in the path, so each step gets a file of its own.";
  if (!/\.ya?ml$/i.test(p)) return "End the path with .yaml (GitOps tools read YAML files).";
  return null;
}

/** A value as one safe path segment: letters, digits, dot, dash, underscore. */
export function segment(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|-+$/g, "")
    .slice(0, 100);
}

/** A value as one part of a branch name: a segment git accepts in a ref (no "..", no ".lock" end). */
export function refSegment(value: string): string {
  return segment(value)
    .replace(/\.{2,}/g, ".")
    .replace(/\.lock$/i, "-lock")
    .replace(/\.+$/, "");
}

export const slug = (name: string) => segment(name.toLowerCase()).replace(/[._]+/g, "-").replace(/-+/g, "-") || "step";

/** The file's path for one customer's step, or the problem in words. */
export function renderPath(pattern: string, values: PathValues): { path: string } | { problem: string } {
  let problem: string | null = null;
  const filled = pattern.trim().replace(token, (_, name: string) => {
    const raw = values[name as PathVariable] ?? "";
    const s = segment(raw);
    if (!s) problem ??= `{{ ${name} }} is empty here ("${raw}"), so the path would lose a folder.`;
    return s;
  });
  if (problem) return { problem };
  const parts = filled.split("/");
  if (parts.some((s) => s === "" || s === "." || s === ".." || s.toLowerCase() === ".git")) return { problem: `The path ${filled} leaves the repository or has an empty folder.` };
  return { path: filled };
}
