/**
 * How deep a YAML text nests, found by scanning it before any parser sees it (issue 25): the YAML
 * library recurses once per level, so a crafted 10,000-deep file ran it out of stack and answered
 * "Maximum call stack size exceeded". Block nesting is read from indentation and "- " markers,
 * flow nesting from brackets outside quotes and comments; the lines of a block scalar (`|`, `>`)
 * are text, not structure. Real manifests and release files nest well under the limit.
 */
export const MAX_YAML_DEPTH = 64;

export type TooDeep = { line: number; column: number; message: string };

export function yamlTooDeep(text: string, limit = MAX_YAML_DEPTH): TooDeep | null {
  const indents: number[] = [];
  let flow = 0;
  let scalarIndent = -1; // inside a block scalar: lines indented more than this are its text
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.length - line.trimStart().length;
    const body = line.trimStart();
    if (scalarIndent >= 0) {
      if (body === "" || indent > scalarIndent) continue;
      scalarIndent = -1;
    }
    if (flow === 0) {
      if (body === "" || body.startsWith("#") || body.startsWith("---") || body.startsWith("...")) continue;
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    // "- - - x": each marker opens one more level on this line.
    let markers = 0;
    let at = 0;
    while (flow === 0 && /^-(\s|$)/.test(body.slice(at))) {
      markers++;
      at += 1 + (body.slice(at + 1).length - body.slice(at + 1).trimStart().length);
    }
    let quote: string | null = null;
    for (let c = at; c < body.length; c++) {
      const ch = body[c];
      if (quote) {
        if (ch === quote) quote = null;
        else if (ch === "\\" && quote === '"') c++;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "#" && (c === 0 || /\s/.test(body[c - 1]))) break;
      else if (ch === "[" || ch === "{") flow++;
      else if ((ch === "]" || ch === "}") && flow > 0) flow--;
      const depth = indents.length + markers + flow;
      if (depth > limit) {
        return { line: i + 1, column: indent + c + 1, message: `The YAML nests deeper than ${limit} levels here: Runsheet reads at most ${limit} levels of nesting.` };
      }
    }
    if (indents.length + markers > limit) {
      return { line: i + 1, column: indent + 1, message: `The YAML nests deeper than ${limit} levels here: Runsheet reads at most ${limit} levels of nesting.` };
    }
    if (flow === 0 && /(^|[\s:])[|>][-+0-9]*\s*(#.*)?$/.test(body)) scalarIndent = indent;
  }
  return null;
}
