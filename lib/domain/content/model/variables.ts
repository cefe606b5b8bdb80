import Mustache from "mustache";

/**
 * Variables in step content and names (`{{ namespace }}`, `{{ customer.region }}`…), rendered per
 * customer. Mustache does the parsing (a well-kept, logic-less engine); rendering walks its tokens
 * here so that a value is inserted as is (no HTML escaping: the output is shell, SQL or YAML and
 * the UI shows it as text) and a value a customer lacks stays visible as its tag instead of
 * silently becoming "". Pure: the server renders, the browser may too.
 *
 * Only plain variables: sections (`{{# }}`), inverted sections and partials are refused, so a
 * step's text is never logic. `{{=<% %>=}}` (Mustache's own way) switches the delimiters for a
 * text that needs a literal `{{`, such as a Helm chart or a Go template.
 */

// Parsed templates are not cached: content is up to 100k characters and varies without end.
Mustache.templateCache = undefined;

/** Name → value for one customer; see `valuesFor`. */
export type VariableValues = Record<string, string>;

export type Metadata = Record<string, string>;

export type RenderSource = {
  customer: { name: string; namespace: string; metadata: Metadata };
  cluster: { name: string; kubeconfigPath: string | null; metadata: Metadata };
  release: { name: string; versionNumber: string | null; metadata: Metadata };
};

/** The names every customer has, whatever their metadata. */
export const builtInNames = ["namespace", "customer.name", "cluster.name", "cluster.kubeconfig", "release.name", "release.version"] as const;

/**
 * One customer's values. Metadata keys come under their owner (`customer.<key>`, `cluster.<key>`,
 * `release.<key>`, a key with dots kept whole); a built-in wins over a metadata key of the same
 * name. An empty value counts as missing: a command with a blank where a namespace goes is the
 * mistake this exists to prevent. The same map is built in SQL for history (content/queries/values-sql.ts).
 */
export function valuesFor({ customer, cluster, release }: RenderSource): VariableValues {
  const values: VariableValues = {};
  const add = (prefix: string, metadata: Metadata) => {
    for (const [key, value] of Object.entries(metadata)) values[`${prefix}.${key}`] = value;
  };
  add("customer", customer.metadata);
  add("cluster", cluster.metadata);
  add("release", release.metadata);
  Object.assign(values, {
    namespace: customer.namespace,
    "customer.name": customer.name,
    "cluster.name": cluster.name,
    "cluster.kubeconfig": cluster.kubeconfigPath ?? "",
    "release.name": release.name,
    "release.version": release.versionNumber ?? "",
  });
  return values;
}

type Token = [type: string, value: string, start: number, end: number, ...rest: unknown[]];

export class TemplateSyntaxError extends Error {}

function tokensOf(text: string): Token[] {
  if (!text.includes("{{")) return [["text", text, 0, text.length]];
  try {
    return Mustache.parse(text) as unknown as Token[];
  } catch (error) {
    // "Unclosed tag at 17" → where, in words a user can act on.
    const message = error instanceof Error ? error.message : String(error);
    const at = /at (\d+)\s*$/.exec(message);
    // Mustache says where it gave up (the end, for an unclosed tag): point at the tag's opening.
    const offset = at ? Number(at[1]) : null;
    const opening = offset === null ? null : message.startsWith("Unclosed tag") ? Math.max(0, text.lastIndexOf("{{", offset)) : offset;
    const where = opening === null ? "" : ` (${lineColumn(text, opening)})`;
    throw new TemplateSyntaxError(`${message.replace(/ at \d+\s*$/, "")}${where}. Variables are written {{ name }}.`);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

const logic: Record<string, string> = { "#": "sections", "^": "inverted sections", ">": "partials" };

/** The variable names a text uses, in order of first use; throws TemplateSyntaxError for what is not a plain variable. */
export function variablesIn(text: string): string[] {
  const names: string[] = [];
  for (const [type, value, start] of tokensOf(text)) {
    if (logic[type]) {
      throw new TemplateSyntaxError(
        `{{${type}${value}}} at ${lineColumn(text, start)}: only plain variables such as {{ namespace }} are allowed, not ${logic[type]}.`,
      );
    }
    if ((type === "name" || type === "&") && !names.includes(value)) names.push(value);
  }
  return names;
}

export type Rendered = { text: string; missing: string[] };

/** The text with each variable replaced by its value; a missing one keeps its tag and is listed. */
export function render(text: string, values: VariableValues): Rendered {
  let out = "";
  const missing: string[] = [];
  for (const [type, value, start, end] of tokensOf(text)) {
    if (type === "text") out += value;
    else if (type === "name" || type === "&") {
      const v = values[value];
      if (v === undefined || v === "") {
        out += text.slice(start, end);
        if (!missing.includes(value)) missing.push(value);
      } else out += v;
    } else if (logic[type]) out += text.slice(start, end);
    // Comments and delimiter changes render as nothing, as in Mustache.
  }
  return { text: out, missing };
}

/** Whether a text has anything to render (cheap, before parsing). */
export const hasVariables = (text: string) => text.includes("{{");

/**
 * The names a text uses that no customer of this release can have, each with the nearest known
 * names ("did you mean"), so the user can fix a typo before a template reaches 500 customers.
 */
export function unknownVariables(text: string, known: Iterable<string>): { name: string; suggestions: string[] }[] {
  const knownList = [...new Set(known)];
  return variablesIn(text)
    .filter((name) => !knownList.includes(name))
    .map((name) => ({ name, suggestions: nearest(name, knownList) }));
}

/** "Unknown variable {{ customer.regoin }} — did you mean customer.region?" */
export function describeUnknown(unknown: { name: string; suggestions: string[] }[]): string | null {
  const [first, ...rest] = unknown;
  if (!first) return null;
  const hint = first.suggestions.length ? ` Did you mean ${first.suggestions.map((s) => `{{ ${s} }}`).join(" or ")}?` : "";
  const more = rest.length ? ` Also unknown: ${rest.map((u) => `{{ ${u.name} }}`).join(", ")}.` : "";
  return `Unknown variable {{ ${first.name} }}.${hint}${more} Known: ${builtInNames.map((n) => `{{ ${n} }}`).join(", ")} and the metadata keys of customers, clusters and this release.`;
}

function nearest(name: string, known: string[]): string[] {
  const scored = known.map((k) => ({ k, d: distance(name, k) })).filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 3)));
  return scored
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 2)
    .map(({ k }) => k);
}

/** Levenshtein distance (two rows). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The text with every `{{ … }}` tag replaced by as many `x` as it is long, so a YAML check of a
 * template sees a plain scalar where a value will go, at the same line and column.
 */
export function maskVariables(text: string): string {
  return hasVariables(text) ? text.replace(/\{\{[^\n]*?\}\}\}?/g, (tag) => "x".repeat(tag.length)) : text;
}
