import { z } from "zod";
import { yamlContentProblem } from "@/lib/domain/shared/yaml";
import { stepExecutions } from "@/db/schema/vocabulary";

/**
 * The building blocks of every input schema: ids, versions, text, content and metadata, each
 * with one rule and one message. What a user (or a raw request) sends is checked here before
 * anything reaches the database: an id past the column's range, a NUL byte or a broken surrogate
 * pair is a field error in words, never a database error.
 */

/** Postgres `integer`: every id and version column. */
export const INT_MAX = 2_147_483_647;

const wholeNumber = (missing: string, invalid: string) =>
  z.coerce.number({ error: missing }).int(invalid).positive(missing).max(INT_MAX, invalid);

export const id = wholeNumber("Missing id.", "That id is not valid.");
/** The version of a row the user saw (optimistic concurrency). */
export const version = wholeNumber("Missing version.", "That version is not valid.");

/** Ids from a repeated form field or an array. */
export const idList = z.preprocess(
  (v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(id).max(10_000, "Too many items at once."),
);

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Why a text is not acceptable, in words, or null. */
export function textProblem(value: string, label: string, options: { multiline: boolean }): string | null {
  if (!value.isWellFormed()) return `${label} contains an invalid character (a broken emoji or symbol). Retype it.`;
  if (CONTROL.test(value)) return `${label} contains a control character (such as a NUL byte). Remove it.`;
  if (!options.multiline && /[\r\n]/.test(value)) return `${label} must be a single line.`;
  return null;
}

const checked = (label: string, multiline: boolean) => (value: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(value, label, { multiline });
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

/** Line endings as a browser's textarea would never send them differently: "\n" only. */
const normaliseLines = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v);

/** Trimmed single-line text; empty strings become "" (optional fields) or fail `.min(1)` (required ones). */
export const text = (max: number, label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`)
    .superRefine(checked(label, false));

export const requiredText = (max: number, label: string) => text(max, label).min(1, `${label} is required.`);

export const optionalText = (max: number, label: string) => z.preprocess((v) => (v == null ? "" : v), text(max, label));

/** Trimmed text that may span lines (notes, reasons, descriptions, release notes). */
export const longText = (max: number, label: string) =>
  z.preprocess(
    (v) => normaliseLines(v == null ? "" : v),
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`)
      .superRefine(checked(label, true)),
  );

/** Step content: one limit and one normal form for templates, overrides and custom steps. */
export const CONTENT_MAX = 100_000;

/**
 * Step content keeps its indentation (YAML!): line endings become "\n" and trailing blank space at
 * the very end goes, so the same text typed in two browsers compares equal.
 */
export const content = z.preprocess(
  (v) => {
    const s = normaliseLines(v == null ? "" : v);
    return typeof s === "string" ? s.replace(/\s+$/, "") : s;
  },
  z
    .string({ error: "Content must be text." })
    .max(CONTENT_MAX, `Content is limited to ${CONTENT_MAX.toLocaleString("en-US")} characters (about ${CONTENT_MAX / 1000} KB).`)
    .superRefine(checked("Content", true)),
);

/**
 * For an object schema that has both `type` and `content` (`.superRefine(yamlContent)`): YAML
 * content must parse, or the first syntax error, with its line and column, is the content's
 * field error. Other types are not parsed. (An override takes its step's type, so the override
 * mutation checks it where the step is loaded.)
 */
export function yamlContent<T extends { type: string; content: string }>(value: T, ctx: z.RefinementCtx<T>) {
  if (value.type !== "yaml" || typeof value.content !== "string") return;
  const problem = yamlContentProblem(value.content);
  if (problem) ctx.addIssue({ code: "custom", path: ["content"], message: problem });
}

/** Manual (a person carries it out) or agent; a form's select, or code's value. Default manual. */
export const execution = z.preprocess((v) => (v === undefined || v === "" ? "manual" : v), z.enum(stepExecutions, { error: "Choose by hand, by an agent or publish to the manifest repository." }));

/**
 * For an object schema with `type` and `execution`: a text step is instructions for a person, so
 * it is always manual.
 */
export function textIsManual<T extends { type: string; execution?: string }>(value: T, ctx: z.RefinementCtx<T>) {
  if (value.type === "text" && value.execution === "agent") {
    ctx.addIssue({ code: "custom", path: ["execution"], message: "A text step is instructions for a person: it cannot be run by an agent. Choose bash, SQL or YAML, or manual." });
  }
  if (value.type !== "yaml" && value.execution === "manifest") {
    ctx.addIssue({ code: "custom", path: ["execution"], message: "Only a YAML step is published to the manifest repository: choose YAML, or by hand or by an agent." });
  }
}

/** Same normal form as `content`, for comparing stored text with submitted text. */
export const normaliseContent = (s: string) => s.replace(/\r\n?/g, "\n").replace(/\s+$/, "");

/** An ISO timestamp a form carries back (e.g. the `updatedAt` it was loaded with). */
export const timestamp = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), message);

/** Checkbox from a form ("on") or a boolean from code. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

// ---------------------------------------------------------------------------------------------
// Metadata: free-form key/value pairs on clusters, customers and releases.

export const METADATA_KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
export const METADATA_VALUE_MAX = 500;

/**
 * Names every JavaScript object already has: as keys they would be dropped, shadow built-ins or
 * collide in templates. Refused by name rather than silently lost.
 */
const RESERVED_KEYS = new Set([
  "__proto__",
  "prototype",
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** Why a metadata key is not acceptable, in words, or null. The one rule for every entity. */
export function metadataKeyProblem(key: string): string | null {
  if (RESERVED_KEYS.has(key)) return `Metadata key "${key}" is reserved (${["__proto__", "constructor", "prototype", "toString"].join(", ")} and the like). Choose another name.`;
  if (!METADATA_KEY_PATTERN.test(key)) {
    return `Metadata key "${key.slice(0, 64)}" may use letters, digits, "_", "-" and "." only (64 at most), starting with a letter, digit or "_".`;
  }
  return null;
}

function metadataValueProblem(key: string, value: string): string | null {
  if (value.length > METADATA_VALUE_MAX) return `Metadata value for "${key}" is too long (${METADATA_VALUE_MAX} characters at most).`;
  return textProblem(value, `Metadata value for "${key}"`, { multiline: false });
}

type Folded = { ok: true; value: Record<string, string> } | { ok: false; message: string };

/** Folds repeated key/value form fields into one record; empty pairs are ignored. */
export function metadataFromPairs(keys: unknown, values: unknown): Folded {
  const list = (v: unknown) => (Array.isArray(v) ? v : v == null ? [] : [v]).map((x) => String(x).trim());
  const ks = list(keys);
  const vs = list(values);
  const seen = new Map<string, string>();
  for (let i = 0; i < Math.max(ks.length, vs.length); i++) {
    const key = ks[i] ?? "";
    const value = vs[i] ?? "";
    // An empty pair, or a key left without a value (the editor pre-fills suggested keys), is nothing to save.
    if (!value) continue;
    if (!key) return { ok: false, message: `Metadata value "${value.slice(0, 60)}" needs a key.` };
    const problem = textProblem(key, "A metadata key", { multiline: false }) ?? metadataKeyProblem(key) ?? metadataValueProblem(key, value);
    if (problem) return { ok: false, message: problem };
    if (seen.has(key)) return { ok: false, message: `Metadata key "${key}" appears twice.` };
    seen.set(key, value);
  }
  return { ok: true, value: Object.fromEntries(seen) };
}

/** Metadata passed as an object (from code or JSON): the same rules as the form's pairs. */
export const metadataField = z
  .unknown()
  .transform((raw, ctx) => {
    if (raw == null) return {};
    if (typeof raw !== "object" || Array.isArray(raw)) {
      ctx.addIssue({ code: "custom", message: "Metadata must be key/value pairs." });
      return z.NEVER;
    }
    const entries = Object.entries(raw as Record<string, unknown>);
    const result = metadataFromPairs(
      entries.map(([k]) => k),
      entries.map(([, v]) => (typeof v === "string" ? v : JSON.stringify(v))),
    );
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    return result.value;
  })
  .default({});

/**
 * Object schema wrapper that folds `metaKey`/`metaValue` pairs into `metadata` before parsing.
 * Use: withMetadata(z.object({ ..., metadata: metadataField })).
 */
export function withMetadata<T extends z.ZodType>(schema: T) {
  return z.preprocess((raw, ctx) => {
    if (!raw || typeof raw !== "object") return raw;
    const obj = { ...(raw as Record<string, unknown>) };
    if ("metaKey" in obj || "metaValue" in obj) {
      const result = metadataFromPairs(obj.metaKey, obj.metaValue);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.message, path: ["metadata"] });
        return z.NEVER;
      }
      obj.metadata = result.value;
      delete obj.metaKey;
      delete obj.metaValue;
    }
    return obj;
  }, schema);
}
