import { z } from "zod";

/** Trimmed text; empty strings become "" (optional fields) or fail `.min(1)` (required ones). */
export const text = (max: number, label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`);

export const requiredText = (max: number, label: string) => text(max, label).min(1, `${label} is required.`);

export const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (v == null ? "" : v), text(max, label));

export const id = z.coerce.number({ error: "Missing id." }).int().positive("Missing id.");

/** Checkbox from a form ("on") or a boolean from code. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export function metadataFromPairs(keys: unknown, values: unknown): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const ks = (Array.isArray(keys) ? keys : keys == null ? [] : [keys]).map((k) => String(k).trim());
  const vs = (Array.isArray(values) ? values : values == null ? [] : [values]).map((v) => String(v).trim());
  const out: Record<string, string> = {};
  for (let i = 0; i < Math.max(ks.length, vs.length); i++) {
    const key = ks[i] ?? "";
    const value = vs[i] ?? "";
    if (!key && !value) continue;
    if (!key) return { ok: false, message: `Metadata value "${value}" needs a key.` };
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(key)) return { ok: false, message: `Metadata key "${key}" may use letters, digits, "_", "-" and "." only.` };
    if (key in out) return { ok: false, message: `Metadata key "${key}" appears twice.` };
    if (value.length > 500) return { ok: false, message: `Metadata value for "${key}" is too long (500 characters at most).` };
    out[key] = value;
  }
  return { ok: true, value: out };
}

/**
 * Object schema wrapper that folds `metaKey`/`metaValue` pairs into `metadata` before parsing.
 * Use: withMetadata(z.object({ ..., metadata: metadataField })).
 */
export const metadataField = z.record(z.string(), z.string()).default({});

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
