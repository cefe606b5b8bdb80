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
 * Step content as highlighted HTML (both themes; CSS picks by colour scheme). Rendered on the
 * server so the browser ships no grammar. Plain text goes through shiki too, for line numbers.
 */
export async function highlight(code: string, lang: CodeLanguage): Promise<string> {
  const h = await highlighter();
  return h.codeToHtml(code, {
    lang: lang === "text" ? "plaintext" : lang,
    themes: { light: "github-light", dark: "github-dark-default" },
    defaultColor: false,
  });
}
