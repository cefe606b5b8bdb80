import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Finds server actions the way Next does: by the "use server" directive, at the top of a file
 * (every export is an action) or at the top of a function body (that function is an action),
 * in every source file of the repository — never by a list of folder names to skip.
 */
export type ServerActionSite = { file: string; kind: "file" | "inline"; name: string; line: number };

export const root = path.resolve(import.meta.dirname, "../..");

/** Every .ts/.tsx file git knows about or would add (tracked, and untracked but not ignored). */
export function sourceFiles(dir = root): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "*.ts", "*.tsx"], {
    cwd: dir,
    encoding: "utf8",
  });
  return out
    .split("\0")
    .filter(Boolean)
    .filter((f) => !f.endsWith(".d.ts"))
    .map((f) => path.join(dir, f))
    .filter((f) => existsSync(f)); // deleted in the work tree, not yet in the index
}

const isUseServer = (s: ts.Statement) =>
  ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === "use server";

/** Directive prologue: the leading string-literal statements of a file or function body. */
function hasDirective(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const s of statements) {
    if (!(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression))) return false;
    if (isUseServer(s)) return true;
  }
  return false;
}

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return node.name.text;
  if (ts.isMethodDeclaration(node) && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return "(anonymous)";
}

export function findServerActionsIn(file: string, source: string): ServerActionSite[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const sites: ServerActionSite[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  if (hasDirective(sf.statements)) sites.push({ file, kind: "file", name: "*", line: 1 });
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body as ts.Node) && hasDirective((node.body as ts.Block).statements)) {
      sites.push({ file, kind: "inline", name: nameOf(node), line: line(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}

export function findServerActions(files: string[] = sourceFiles()): ServerActionSite[] {
  return files.flatMap((f) => findServerActionsIn(f, readFileSync(f, "utf8")));
}
