import { z } from "zod";
import { parse as parseYaml, stringify } from "yaml";
import { namespaceSchema } from "@/lib/domain/customers/input";
import { longText, metadataField, optionalText, requiredText } from "@/lib/domain/shared/input";
import { yamlTooDeep } from "@/lib/domain/shared/yaml-depth";

/**
 * The fleet as one file (issue 27): the clusters and their customers, with the same field rules
 * as the forms, so a bad file gets a message per path ("customers.12.namespace: …"), never a 500.
 * Export → import changes nothing; export → edit → import shows exactly the edit. YAML; JSON is
 * YAML too, so a JSON file reads the same.
 */
export const FLEET_FILE_KIND = "runsheet/fleet@1";

/** The cluster form's name rule (clusters/input.ts), for a file. */
const clusterName = requiredText(63, "Cluster name").regex(
  /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  "A cluster name may use letters, digits, '-', '_' and '.', and must start with a letter or digit.",
);

/**
 * Metadata in a file: text values only. YAML reads `version: 1.20` as the number 1.2 and an empty
 * `region:` as null; turned into text they would change without a word, so they are refused.
 */
const fleetMetadata = z.preprocess((raw, ctx) => {
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      if (typeof v !== "string") ctx.addIssue({ code: "custom", message: `Metadata value for "${k}" must be text: quote it (${k}: "${v === null ? "" : String(v)}").` });
    }
  }
  return raw;
}, metadataField);

export const fleetCluster = z
  .object({
    name: clusterName,
    kubeconfigPath: optionalText(500, "Kubeconfig path")
      .nullable()
      .transform((v) => (v ? v : null)),
    description: longText(2000, "Description").default(""),
    metadata: fleetMetadata,
  })
  .strict();

export const fleetCustomer = z
  .object({
    name: requiredText(100, "Customer name"),
    cluster: requiredText(63, "Cluster"),
    namespace: namespaceSchema,
    description: longText(2000, "Description").default(""),
    metadata: fleetMetadata,
    archived: z.boolean({ error: "archived is true or false." }).default(false),
  })
  .strict();

export const fleetFileSchema = z
  .object({
    kind: z.literal(FLEET_FILE_KIND, { error: `The file must say kind: ${FLEET_FILE_KIND}.` }),
    clusters: z.array(fleetCluster).max(1_000, "At most 1,000 clusters in one file.").default([]),
    customers: z.array(fleetCustomer).max(20_000, "At most 20,000 customers in one file.").default([]),
  })
  .strict();

export type FleetFile = z.output<typeof fleetFileSchema>;
export type FleetCluster = z.output<typeof fleetCluster>;
export type FleetCustomer = z.output<typeof fleetCustomer>;

/** A problem with a file, at a path a person can find: `customers.12.namespace`. */
export type FleetProblem = { path: string; message: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FleetProblem[] };

const pathOf = (path: ReadonlyArray<PropertyKey>) => path.map(String).join(".");

/** zod's issues as path + words, at most 200 (a file with 5,000 bad rows says so, not all of it). */
export function problemsOf(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): FleetProblem[] {
  return error.issues.slice(0, 200).map((i) => ({ path: pathOf([...prefix, ...i.path]) || "(file)", message: i.message }));
}

/** Reads a fleet file (YAML or JSON) into the checked shape, or every problem by path. */
export function parseFleetFile(text: string): Parsed<FleetFile> {
  const source = text.replace(/^\uFEFF/, "");
  // Checked before the parser sees it: the YAML library recurses once per level (issue 25).
  const deep = yamlTooDeep(source);
  if (deep) return { ok: false, problems: [{ path: `(line ${deep.line})`, message: deep.message }] };
  let raw: unknown;
  try {
    raw = parseYaml(source, { maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [{ path: "(file)", message: `This is not YAML or JSON: ${(error as Error).message.split("\n")[0]}` }] };
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: "(file)", message: `A fleet file is a mapping that starts with kind: ${FLEET_FILE_KIND}.` }] };
  }
  const result = fleetFileSchema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error) };
}

/**
 * Writes the file: clusters by name, customers by cluster then name, keys in a fixed order, empty
 * fields left out — so the file diffs well in a repository and importing it back changes nothing.
 */
export function toFleetYaml(file: FleetFile): string {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en");
  const doc = {
    kind: FLEET_FILE_KIND,
    clusters: [...file.clusters].sort(byName).map((c) => ({
      name: c.name,
      ...(c.kubeconfigPath ? { kubeconfigPath: c.kubeconfigPath } : {}),
      ...(c.description ? { description: c.description } : {}),
      ...(Object.keys(c.metadata).length ? { metadata: c.metadata } : {}),
    })),
    customers: [...file.customers]
      .sort((a, b) => a.cluster.localeCompare(b.cluster, "en") || byName(a, b))
      .map((c) => ({
        name: c.name,
        cluster: c.cluster,
        namespace: c.namespace,
        ...(c.description ? { description: c.description } : {}),
        ...(Object.keys(c.metadata).length ? { metadata: c.metadata } : {}),
        ...(c.archived ? { archived: true } : {}),
      })),
  };
  return stringify(doc, { lineWidth: 0, blockQuote: "literal" });
}
