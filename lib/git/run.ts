import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The `git` command, run without a shell, with an environment that makes it safe to point at a
 * repository somebody else chose: no prompt for a password (it would hang the server), no
 * system or user configuration (a hook or a credential helper of the host's), and only the file
 * and https transports (git's ext:: and ssh would run commands). A hosted repository's token is
 * handed over as an HTTP header through GIT_CONFIG_* variables, so it never appears in a
 * command line (`ps`), a remote's configuration or an error message.
 *
 * Why the git command and not a JavaScript Git library: it speaks every server's protocol
 * (file://, smart HTTPS with any forge), and its merge-tree computes conflicts exactly as the
 * people who later look at the repository will see them. The image installs it (Dockerfile).
 */
export type GitOptions = { cwd?: string; input?: string; token?: string | null; env?: Record<string, string>; timeoutMs?: number };
export type GitResult = { stdout: string; stderr: string; code: number };

export function gitEnvironment(token?: string | null, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    // Not the server's home: git's curl would read ~/.netrc, and git ~/.gitconfig's helpers.
    HOME: path.join(/*turbopackIgnore: true*/ tmpdir(), "runsheet-git-home"),
    LANG: "C",
    LC_ALL: "C",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "",
    SSH_ASKPASS: "",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ALLOW_PROTOCOL: "file:https",
    GIT_COMMITTER_NAME: "Runsheet",
    GIT_COMMITTER_EMAIL: "runsheet@localhost",
    ...extra,
  };
  if (token) {
    const basic = Buffer.from(token.includes(":") ? token : `x-access-token:${token}`).toString("base64");
    Object.assign(env, { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraHeader", GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
  }
  return env as NodeJS.ProcessEnv;
}

export function runGit(args: string[], { cwd, input, token, env, timeoutMs = 120_000 }: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: gitEnvironment(token, env), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code: code ?? -1 });
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}

/** The output of a git command that must succeed; a failure throws with git's own words. */
export async function gitOk(args: string[], options: GitOptions = {}): Promise<string> {
  const r = await runGit(args, options);
  if (r.code !== 0) throw new GitCommandError(args[0] ?? "git", r);
  return r.stdout;
}

export class GitCommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: GitResult,
  ) {
    super(`git ${command} failed (${result.code}): ${firstLines(result.stderr)}`);
    this.name = "GitCommandError";
  }
}

/** git's message without the token (it never prints the header, but a URL may carry one). */
export function firstLines(text: string, n = 3): string {
  return text
    .split("\n")
    .map((l) => l.replace(/\/\/[^/@\s]*@/g, "//").trim())
    .filter(Boolean)
    .slice(0, n)
    .join(" ");
}
