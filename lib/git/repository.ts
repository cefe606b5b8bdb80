import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { firstLines, gitEnvironment, gitOk, runGit } from "./run";

/**
 * A manifest repository as Runsheet works with it: a bare cache on the server's disk that fetches
 * only the branches it needs, builds commits with git's plumbing (no working tree, no checkout),
 * and pushes them back. Every operation on one cache runs one at a time in this process.
 */
export type Remote = { url: string; token: string | null };
export type Author = { name: string; email: string };
export type FileToWrite = { path: string; content: string };
export type WrittenFile = FileToWrite & { blob: string; previousBlob: string | null };

/** Why a Git operation could not be done, in words a release manager can act on. */
export class RepositoryError extends Error {
  constructor(
    readonly kind: "unreachable" | "no_branch" | "moved" | "failed",
    message: string,
    /** The branch a "moved" refusal is about. */
    readonly branch?: string,
  ) {
    super(message);
    this.name = "RepositoryError";
  }
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `work` with the cache at `dir` to itself (within this process). */
export async function withCache<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const before = locks.get(dir) ?? Promise.resolve();
  const mine = before.then(async () => {
    if (!existsSync(path.join(/*turbopackIgnore: true*/ dir, "HEAD"))) {
      await mkdir(dir, { recursive: true });
      await gitOk(["init", "--bare", "--quiet", dir]);
    }
    return work();
  });
  const settled = mine.catch(() => undefined);
  locks.set(dir, settled);
  try {
    return await mine;
  } finally {
    if (locks.get(dir) === settled) locks.delete(dir);
  }
}

/** The heads of these branches on the remote (absent: no such branch). Also proves it is reachable. */
export async function remoteHeads(remote: Remote, branches: string[]): Promise<Map<string, string>> {
  const r = await runGit(["ls-remote", "--heads", "--", remote.url, ...branches.map((b) => `refs/heads/${b}`)], { token: remote.token, timeoutMs: 60_000 });
  if (r.code !== 0) throw new RepositoryError("unreachable", `The repository could not be reached: ${firstLines(r.stderr, 2) || `git exited with ${r.code}`}.`);
  const heads = new Map<string, string>();
  for (const line of r.stdout.split("\n")) {
    const [sha, ref] = line.split("\t");
    if (sha && ref?.startsWith("refs/heads/")) heads.set(ref.slice("refs/heads/".length), sha);
  }
  return heads;
}

/**
 * Fetches these branches into the cache (refs/heads/<branch>, forced: the remote is the truth) and
 * forgets the ones the remote does not have. Returns the heads as fetched.
 */
export async function fetchBranches(dir: string, remote: Remote, branches: string[]): Promise<Map<string, string>> {
  const heads = await remoteHeads(remote, branches);
  const present = branches.filter((b) => heads.has(b));
  if (present.length) {
    const r = await runGit(["fetch", "--quiet", "--no-tags", "--", remote.url, ...present.map((b) => `+refs/heads/${b}:refs/heads/${b}`)], { cwd: dir, token: remote.token });
    if (r.code !== 0) throw new RepositoryError("unreachable", `The repository could not be fetched: ${firstLines(r.stderr, 2)}.`);
  }
  const fetched = new Map<string, string>();
  for (const b of branches) {
    if (heads.has(b)) fetched.set(b, (await gitOk(["rev-parse", "--verify", `refs/heads/${b}^{commit}`], { cwd: dir })).trim());
    else await runGit(["update-ref", "-d", `refs/heads/${b}`], { cwd: dir });
  }
  return fetched;
}

/** The blob id of each path at `ref` (null: not there). */
export async function blobsAt(dir: string, ref: string, paths: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>(paths.map((p) => [p, null]));
  if (!paths.length) return out;
  // -z: paths are printed as they are (no quoting of unusual characters).
  const listed = await gitOk(["ls-tree", "-r", "-z", "--full-tree", ref], { cwd: dir });
  const wanted = new Set(paths);
  for (const entry of listed.split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    const [, type, sha] = entry.slice(0, tab).split(" ");
    const p = entry.slice(tab + 1);
    if (type === "blob" && wanted.has(p)) out.set(p, sha ?? null);
  }
  return out;
}

/** The text of these blobs (one `cat-file --batch` for all of them). */
export async function readBlobs(dir: string, shas: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(shas)];
  const out = new Map<string, string>();
  if (!unique.length) return out;
  const r = await runGitBuffer(["cat-file", "--batch"], dir, unique.join("\n") + "\n");
  let at = 0;
  for (const sha of unique) {
    const nl = r.indexOf(10, at);
    const header = r.subarray(at, nl).toString("utf8");
    const [, type, size] = header.split(" ");
    if (type !== "blob") {
      at = nl + 1;
      continue;
    }
    const n = Number(size);
    out.set(sha, r.subarray(nl + 1, nl + 1 + n).toString("utf8"));
    at = nl + 1 + n + 1;
  }
  return out;
}

function runGitBuffer(args: string[], cwd: string, input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: gitEnvironment() });
    const out: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.resume();
    child.stdin.on("error", () => undefined);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new RepositoryError("failed", `git ${args[0]} failed`));
    });
    child.stdin.end(input);
  });
}

/** A commit's first parent (null for a root commit). */
export async function parentOf(dir: string, commit: string): Promise<string | null> {
  const r = await runGit(["rev-parse", "--verify", "--quiet", `${commit}^1`], { cwd: dir });
  return r.code === 0 ? r.stdout.trim() : null;
}

export async function treeOf(dir: string, commit: string): Promise<string> {
  return (await gitOk(["rev-parse", "--verify", `${commit}^{tree}`], { cwd: dir })).trim();
}

/** The paths that differ between two commits or trees (added, changed, deleted). */
export async function changedPaths(dir: string, from: string, to: string): Promise<string[]> {
  const out = await gitOk(["diff-tree", "-r", "-z", "--no-renames", "--name-only", from, to], { cwd: dir });
  return out.split("\0").filter(Boolean);
}

/**
 * One commit on `parent` that writes these files (and changes nothing else), or null when every
 * file already holds that content: identical content is never committed twice.
 */
export async function commitFiles(
  dir: string,
  { parent, files, message, author }: { parent: string; files: FileToWrite[]; message: string; author: Author },
): Promise<{ commit: string | null; files: WrittenFile[] }> {
  const scratch = await mkdtemp(path.join(/*turbopackIgnore: true*/ tmpdir(), "runsheet-git-"));
  try {
    const paths = await Promise.all(
      files.map(async (f, i) => {
        const p = path.join(/*turbopackIgnore: true*/ scratch, `f${i}`);
        await writeFile(p, f.content);
        return p;
      }),
    );
    const blobs = (await gitOk(["hash-object", "-w", "--no-filters", "--stdin-paths"], { cwd: dir, input: paths.join("\n") + "\n" })).trim().split("\n");
    const before = await blobsAt(dir, parent, files.map((f) => f.path));
    const written = files.map((f, i) => ({ ...f, blob: blobs[i]!, previousBlob: before.get(f.path) ?? null }));
    if (written.every((f) => f.blob === f.previousBlob)) return { commit: null, files: written };
    const env = { GIT_INDEX_FILE: path.join(/*turbopackIgnore: true*/ scratch, "index") };
    await gitOk(["read-tree", parent], { cwd: dir, env });
    await gitOk(["update-index", "--add", "--index-info"], { cwd: dir, env, input: written.map((f) => `100644 blob ${f.blob}\t${f.path}`).join("\n") + "\n" });
    const tree = (await gitOk(["write-tree"], { cwd: dir, env })).trim();
    // update-index quietly replaces a file by a folder of the same name (and skips .git paths):
    // the tree must hold exactly these files and change nothing else.
    const wrote = await blobsAt(dir, tree, files.map((f) => f.path));
    const stray = [...(await changedPaths(dir, parent, tree))].filter((p) => !wrote.has(p));
    const missing = written.filter((f) => wrote.get(f.path) !== f.blob).map((f) => f.path);
    if (stray.length || missing.length) {
      throw new RepositoryError("failed", `the files cannot be written as they are: ${[...missing, ...stray].slice(0, 5).join(", ")} would clash with a file or folder of the same name in the repository.`);
    }
    const commit = await commitTree(dir, { tree, parents: [parent], message, author });
    return { commit, files: written };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function commitTree(dir: string, { tree, parents, message, author }: { tree: string; parents: string[]; message: string; author: Author }): Promise<string> {
  const args = ["commit-tree", tree, ...parents.flatMap((p) => ["-p", p])];
  const env = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email };
  return (await gitOk(args, { cwd: dir, input: message, env })).trim();
}

export async function isAncestor(dir: string, ancestor: string, of: string): Promise<boolean> {
  return (await runGit(["merge-base", "--is-ancestor", ancestor, of], { cwd: dir })).code === 0;
}

export type MergePlan = { kind: "merged" } | { kind: "fast-forward" } | { kind: "merge"; tree: string } | { kind: "conflict"; files: string[] };

/** How `branch` would go into `target`: already in it, a fast-forward, a clean merge, or conflicts by file. */
export async function planMerge(dir: string, target: string, branch: string): Promise<MergePlan> {
  if (await isAncestor(dir, branch, target)) return { kind: "merged" };
  if (await isAncestor(dir, target, branch)) return { kind: "fast-forward" };
  // -z: paths exactly as they are (no C quoting of unusual characters): "<tree>\0<path>\0…\0".
  const r = await runGit(["merge-tree", "--write-tree", "-z", "--name-only", "--no-messages", target, branch], { cwd: dir });
  const [tree, ...rest] = r.stdout.split("\0");
  const end = rest.indexOf("");
  if (r.code === 0) return { kind: "merge", tree: tree! };
  if (r.code === 1) return { kind: "conflict", files: [...new Set(end < 0 ? rest : rest.slice(0, end))] };
  throw new RepositoryError("failed", `The merge could not be computed: ${firstLines(r.stderr, 2)}.`);
}

/**
 * Pushes `sha` to `branch`. `expect` is what the branch must be on the remote for the push to go
 * through (null: it must not exist yet) — a lease, so a push never overwrites somebody's work;
 * undefined: an ordinary push, refused unless it is a fast-forward.
 */
export async function pushTo(dir: string, remote: Remote, sha: string, branch: string, expect?: string | null): Promise<void> {
  const lease = expect === undefined ? [] : [`--force-with-lease=refs/heads/${branch}:${expect ?? ""}`];
  const r = await runGit(["push", "--quiet", "--porcelain", ...lease, "--", remote.url, `${sha}:refs/heads/${branch}`], { cwd: dir, token: remote.token });
  if (r.code === 0) {
    await gitOk(["update-ref", `refs/heads/${branch}`, sha], { cwd: dir });
    return;
  }
  const words = `${r.stdout}\n${r.stderr}`;
  if (/\[rejected\]|stale info|non-fast-forward|fetch first/.test(words)) {
    throw new RepositoryError("moved", `${branch} changed in the repository meanwhile (someone pushed to it).`, branch);
  }
  throw new RepositoryError("unreachable", `The push to ${branch} failed: ${firstLines(r.stderr, 2)}.`);
}
