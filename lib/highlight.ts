import "server-only";
import { createHighlighter, type Highlighter } from "shiki";
import { stepTypes, type StepType } from "@/db/schema/vocabulary";

export type CodeLanguage = StepType;
/** Every step type but plain text has a grammar. */
const langs = stepTypes.filter((t): t is Exclude<StepType, "text"> => t !== "text");

// One highlighter per process: creating one loads grammars and themes (~100 ms).
const store = globalThis as unknown as { __runsheetHighlighter?: Promise<Highlighter> };

function highlighter(): Promise<Highlighter> {
  store.__runsheetHighlighter ??= createHighlighter({ themes: ["github-light", "github-dark-default"], langs: [...langs] });
  return store.__runsheetHighlighter;
}

/**
 * Highlighted HTML by language and content. One template step's text is the same for every
 * customer, so the matrix panel, the checklist and step actions ask for the same few texts again
 * and again; highlighting is the largest CPU cost of answering a step action. Bounded in
 * size (16 MB of strings); the oldest entry leaves first (a Map iterates in insertion order).
 */
const CACHE_MAX_BYTES = 16 * 1024 * 1024;
const CACHE_MAX_CODE = 64 * 1024;
const cache = new Map<string, string>();
let cachedBytes = 0;
const sizeOf = (key: string, html: string) => (key.length + html.length) * 2;

/**
 * Step content as highlighted HTML (both themes; CSS picks by colour scheme). Rendered on the
 * server so the browser ships no grammar. Plain text goes through shiki too, for line numbers.
 */
export async function highlight(code: string, lang: CodeLanguage): Promise<string> {
  const key = `${lang}\u0000${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const h = await highlighter();
  const html = h.codeToHtml(code, {
    lang: lang === "text" ? "plaintext" : lang,
    themes: { light: "github-light", dark: "github-dark-default" },
    defaultColor: false,
  });
  if (code.length <= CACHE_MAX_CODE) {
    cache.set(key, html);
    cachedBytes += sizeOf(key, html);
    for (const [oldKey, oldHtml] of cache) {
      if (cachedBytes <= CACHE_MAX_BYTES) break;
      cache.delete(oldKey);
      cachedBytes -= sizeOf(oldKey, oldHtml);
    }
  }
  return html;
}
