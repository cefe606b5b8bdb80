import { z } from "zod";
import { yamlTooDeep } from "@/lib/domain/shared/yaml-depth";
import { isScalar, parseDocument, stringify, type Scalar } from "yaml";
import { releaseTypes, stepExecutions, stepStatuses, stepTypes } from "@/db/schema/vocabulary";
import { content, longText, metadataField, optionalText, requiredText, textIsManual, yamlContent } from "@/lib/domain/shared/input";
import { versionMessage, versionPattern } from "@/lib/domain/releases/model/rules";

/**
 * A release as one reviewable YAML file ("release as code", issue 19): its details, variables,
 * track and template steps, and — on request — every customer's overrides, custom steps and
 * statuses. One schema reads it back (the same field rules as the forms), so a bad file gets
 * field-level errors, never a 500. Export → import → export gives the same file.
 */
export const RELEASE_FILE_KIND = "runsheet/release@1";

const templateStep = z
  .object({
    name: requiredText(200, "Step name"),
    type: z.enum(stepTypes, { error: "Choose bash, sql, text or yaml." }),
    description: longText(2000, "Description").default(""),
    needsReview: z.boolean({ error: "needsReview is true or false." }).default(false),
    /** Written only for agent and manifest steps; a manual step (the default) leaves it out. */
    execution: z.enum(stepExecutions, { error: "execution is manual, agent or manifest." }).optional(),
    content,
  })
  .strict()
  .superRefine(yamlContent)
  .superRefine(textIsManual);

const customerStep = z
  .object({
    category: z.enum(["deploy", "verify"]),
    name: requiredText(200, "Step name"),
    custom: z.boolean().default(false),
    status: z.enum(stepStatuses),
    override: z.string().optional(),
    skipReason: z.string().optional(),
    notes: z.string().optional(),
  })
  .strict();

export const releaseFileSchema = z
  .object({
    kind: z.literal(RELEASE_FILE_KIND, { error: `The first line must say kind: ${RELEASE_FILE_KIND}.` }),
    release: z
      .object({
        name: requiredText(120, "Name"),
        type: z.enum(releaseTypes, { error: "Choose a type: onboarding, release or hotfix." }),
        version: optionalText(60, "Version").refine((v) => v === "" || versionPattern.test(v), versionMessage),
        targetDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
          .nullable()
          .default(null),
        description: longText(20_000, "Release notes").default(""),
        variables: metadataField,
        track: optionalText(80, "Track").nullable().default(null),
      })
      .strict(),
    steps: z
      .object({ deploy: z.array(templateStep).max(500).default([]), verify: z.array(templateStep).max(500).default([]) })
      .strict()
      .default({ deploy: [], verify: [] }),
    customers: z
      .array(z.object({ name: z.string(), cluster: z.string(), namespace: z.string(), steps: z.array(customerStep) }).strict())
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.release.type === "release" && !v.release.version) ctx.addIssue({ code: "custom", path: ["release", "version"], message: "A release needs a version, e.g. v2.5.0." });
  });
export type ReleaseFile = z.output<typeof releaseFileSchema>;

/** Writes the file: keys in a fixed order, multi-line text as literal blocks, so diffs read well. */
export function toReleaseYaml(file: ReleaseFile): string {
  const doc = parseDocument(stringify(file, { lineWidth: 0, blockQuote: "literal" }));
  // Multi-line strings as `|` blocks (the default may fold or quote them).
  const visit = (node: unknown) => {
    if (isScalar(node)) {
      const s = node as Scalar;
      if (typeof s.value === "string" && s.value.includes("\n")) s.type = "BLOCK_LITERAL";
      return;
    }
    const items = (node as { items?: unknown[] } | null)?.items;
    if (Array.isArray(items)) for (const item of items) {
      const pair = item as { key?: unknown; value?: unknown };
      if (pair && typeof pair === "object" && "value" in pair) visit(pair.value);
      else visit(item);
    }
  };
  visit(doc.contents);
  return doc.toString({ lineWidth: 0 });
}

export type ParsedReleaseFile = { ok: true; file: ReleaseFile } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Reads a file: YAML syntax first (with line and column), then the schema, field by field. */
export function parseReleaseYaml(text: string): ParsedReleaseFile {
  const deep = yamlTooDeep(text);
  if (deep) return { ok: false, message: `The file cannot be read (line ${deep.line}): ${deep.message}`, fieldErrors: { file: [`Line ${deep.line}: ${deep.message}`] } };
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    return { ok: false, message: `The file is not valid YAML${line ? ` (line ${line})` : ""}: ${e.message.split("\n")[0]}`, fieldErrors: { file: [e.message.split("\n")[0]] } };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, message: `The file cannot be read: ${(error as Error).message}`, fieldErrors: { file: [(error as Error).message] } };
  }
  const parsed = releaseFileSchema.safeParse(data);
  if (parsed.success) return { ok: true, file: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "file";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const [first] = parsed.error.issues;
  return { ok: false, message: `The file has ${plural(parsed.error.issues.length)}: ${first.path.map(String).join(".") || "file"}: ${first.message}`, fieldErrors };
}

const plural = (n: number) => (n === 1 ? "1 problem" : `${n} problems`);
