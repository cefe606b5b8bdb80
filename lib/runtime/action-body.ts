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
    try {
      JSON.parse(text);
    } catch {
      return unreadable("malformed data");
    }
    return { ok: true };
  }
  if (type === "multipart/form-data" || type === "application/x-www-form-urlencoded") {
    try {
      const form = await new Response(body, { headers: { "content-type": contentType! } }).formData();
      for (const [, value] of form) if (typeof value !== "string" && value.size > ACTION_BODY_LIMIT_BYTES) return tooLarge;
    } catch {
      return unreadable("malformed form data");
    }
    return { ok: true };
  }
  return { ok: false, status: 415, message: "The request could not be read (unsupported content type). Nothing was changed." };
}
