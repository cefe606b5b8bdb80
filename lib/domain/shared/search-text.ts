/**
 * Free text a user searches with: the palette's input and the lists' `?q=`. One length limit and
 * one way to make it a literal inside an ILIKE pattern, for every search in the product.
 */

export const SEARCH_MAX = 100;

// C0 and C1 control characters (a NUL byte is refused by Postgres as text; none can be typed).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * A list's `?q=` as search text, or undefined when there is none. A URL is not a form: nothing is
 * refused, junk is dropped (control characters, broken surrogates), the rest trimmed and cut to
 * SEARCH_MAX, so a hand-edited link shows a list rather than an error.
 */
export function searchParam(raw: string | string[] | undefined): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return undefined;
  const text = value.toWellFormed().replace(CONTROL, " ").trim().slice(0, SEARCH_MAX).trim();
  return text === "" ? undefined : text;
}

/** `text` as literal characters of a LIKE/ILIKE pattern: `%`, `_` and `\` match only themselves. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** ILIKE pattern: contains `text` anywhere. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/** ILIKE pattern: starts with `text` (ranks the closer matches first). */
export const prefixPattern = (text: string) => `${escapeLike(text)}%`;
