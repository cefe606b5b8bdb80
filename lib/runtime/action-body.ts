/**
 * What a server action request body must look like before Next decodes it. Next answers a body
 * it cannot decode (or one over its size limit) with HTTP 500 and a digest; the proxy checks
 * here first and answers in words instead. Pure: the proxy reads the body, this judges it.
 */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
export const ACTION_BODY_LIMIT_TEXT = `${ACTION_BODY_LIMIT_BYTES / 1024} KB`;

export type BodyVerdict = { ok: true } | { ok: false; status: 400 | 413 | 415; message: string };

export const tooLarge: BodyVerdict = {
  ok: false,
  status: 413,
  message: `Content is limited to ${ACTION_BODY_LIMIT_TEXT} per request. Shorten the text and try again.`,
};

const unreadable = (what: string): BodyVerdict => ({ ok: false, status: 400, message: `The request could not be read (${what}). Nothing was changed.` });

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * React's reply encoding marks references with "$": "$@0" (a promise), "$F0"/"$h0" (a server
 * function), "$Q"/"$W" (Map, Set), "$K" (FormData), "$T" (a temporary reference), "$1" (another
 * chunk) … This product's actions take one plain object or a form, so the only markers its own
 * pages send are a literal "$" ("$$…"), the plain values ("$undefined", "$NaN", "$Infinity",
 * "$-Infinity", "$-0", "$D<date>", "$n<bigint>") and — in a form's root part only — "$K<n>".
 * Anything else is a crafted wire reference: refused here, before React resolves it (issue 25).
 */
const plainMarker = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d)/;

export function craftedReference(value: unknown, allowForm = false): string | null {
  if (typeof value === "string") {
    if (!value.startsWith("$") || plainMarker.test(value)) return null;
    if (allowForm && /^\$K\d+$/.test(value)) return null;
    return value.slice(0, 12);
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = craftedReference(item, allowForm);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) {
      const found = craftedReference(item, allowForm);
      if (found) return found;
    }
  }
  return null;
}

const crafted: BodyVerdict = { ok: false, status: 400, message: "The request could not be read (unsupported data). Nothing was changed." };

/** The kinds of body React sends for a server action: its reply as text, or a form's fields. */
export async function judgeActionBody(contentType: string | null, body: ArrayBuffer): Promise<BodyVerdict> {
  if (body.byteLength > ACTION_BODY_LIMIT_BYTES) return tooLarge;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "text/plain") {
    let text: string;
    try {
      text = strictUtf8.decode(body);
    } catch {
      return unreadable("not UTF-8 text");
    }
    let reply: unknown;
    try {
      reply = JSON.parse(text);
    } catch {
      return unreadable("malformed data");
    }
    return craftedReference(reply) ? crafted : { ok: true };
  }
  if (type === "multipart/form-data" || type === "application/x-www-form-urlencoded") {
    try {
      const form = await new Response(body, { headers: { "content-type": contentType! } }).formData();
      for (const [name, value] of form) {
        if (typeof value !== "string") {
          if (value.size > ACTION_BODY_LIMIT_BYTES) return tooLarge;
          continue;
        }
        // React's own parts are named by number ("0" the root, "1" …): JSON in the reply encoding.
        // A form's fields ("1_name") are plain text and never decoded, so they are not checked.
        if (/^\d+$/.test(name)) {
          let part: unknown;
          try {
            part = JSON.parse(value);
          } catch {
            return unreadable("malformed data");
          }
          if (craftedReference(part, true)) return crafted;
        }
      }
    } catch {
      return unreadable("malformed form data");
    }
    return { ok: true };
  }
  return { ok: false, status: 415, message: "The request could not be read (unsupported content type). Nothing was changed." };
}
