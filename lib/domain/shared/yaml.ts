import { LineCounter, parseAllDocuments } from "yaml";
import { maskVariables } from "@/lib/domain/content/model/variables";
import { yamlTooDeep } from "./yaml-depth";

/**
 * YAML syntax problems, where they are, in words. Pure and free of server-only imports: the
 * domain refuses a save with the first problem (input schemas, the override mutation) and the
 * code editor underlines the same problems while the user types.
 */
export type YamlProblem = { line: number; column: number; message: string };

/**
 * Every syntax error of a YAML stream (several documents separated by `---` are fine), first
 * position first; 1-based line and column. Warnings (an unknown tag such as `!Ref`) are not
 * problems: the text is still YAML. A variable (`{{ namespace }}`) reads as the plain value it
 * will become, so a template is checked as the manifest it renders to.
 */
export function yamlProblems(text: string): YamlProblem[] {
  const deep = yamlTooDeep(text);
  if (deep) return [deep];
  const lineCounter = new LineCounter();
  // prettyErrors off: the message stays the parser's sentence, without a code frame appended.
  const docs = parseAllDocuments(maskVariables(text), { lineCounter, prettyErrors: false });
  // A stream without documents (only comments, or nothing) carries its errors itself.
  const errors = "empty" in docs ? docs.errors : docs.flatMap((doc) => doc.errors);
  // A stream can parse and still not be readable: an alias whose anchor is missing (`*prod`).
  if (!("empty" in docs) && errors.length === 0) {
    for (const doc of docs) {
      try {
        doc.toJS();
      } catch (error) {
        const offset = doc.range?.[0] ?? 0;
        const { line, col } = lineCounter.linePos(offset);
        return [{ line, column: col, message: error instanceof Error ? error.message : String(error) }];
      }
    }
  }
  const seen = new Set<string>();
  return errors
    .map((error) => ({ offset: error.pos[0], message: error.message }))
    .sort((a, b) => a.offset - b.offset)
    .flatMap(({ offset, message }) => {
      const { line, col } = lineCounter.linePos(offset);
      const key = `${line}:${col}:${message}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ line, column: col, message }];
    });
}

/** "Line 3, column 5: …" for the first problem, and how many more there are; null when none. */
export function describeYamlProblems(problems: YamlProblem[]): string | null {
  const [first, ...rest] = problems;
  if (!first) return null;
  const more = rest.length ? ` (and ${rest.length} more ${rest.length === 1 ? "problem" : "problems"})` : "";
  return `Line ${first.line}, column ${first.column}: ${first.message}${more}`;
}

/** Why YAML content can't be saved, or null. */
export function yamlContentProblem(text: string): string | null {
  return describeYamlProblems(yamlProblems(text));
}
