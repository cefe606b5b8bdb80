/**
 * Turns a submitted form into a plain object for zod: repeated names (or names ending in "[]")
 * become arrays. Objects pass through unchanged, so actions can be called from code too.
 */
export function formDataToObject(input: unknown): unknown {
  if (typeof FormData === "undefined" || !(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of input.entries()) {
    if (rawKey.startsWith("$ACTION")) continue; // React's own bookkeeping fields
    if (typeof value !== "string") continue; // no file uploads in this product
    const isArray = rawKey.endsWith("[]");
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    const existing = out[key];
    if (existing === undefined) out[key] = isArray ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

/** What the user typed, minus anything secret, so a form can be refilled after an error. */
export function echoValues(input: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!input || typeof input !== "object") return values;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (/password|secret|token/i.test(key)) continue;
    if (typeof value === "string") values[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") values[key] = String(value);
  }
  return values;
}
