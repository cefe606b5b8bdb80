import { hostname } from "node:os";

/**
 * The agent's configuration: command-line flags, each also readable from the environment (the
 * container's way). Its secrets — the token, the database URL template, any --secret — live
 * here, on the agent's host, and never travel to Runsheet: output is masked before it is sent.
 */
export type AgentOptions = {
  server: string;
  token: string;
  name: string;
  concurrency: number;
  /** The kubeconfig path as seen on this host; overrides the cluster's path Runsheet knows. */
  kubeconfig: string | null;
  /** For SQL steps: a postgres:// URL, `{{ namespace }}` (and customer, cluster) filled in per customer. */
  sqlUrl: string | null;
  /** For YAML steps: a shell command that reads the manifest on stdin ($NAMESPACE is set). */
  yamlCommand: string;
  /** After a cancel or a timeout: SIGTERM, then SIGKILL after this many seconds. */
  graceSeconds: number;
  /** Values never to send (masked in output), besides the token and the SQL URL's password. */
  secrets: string[];
  /** Stop after this many seconds without work (tests, one-shot jobs); 0 = run until stopped. */
  idleExitSeconds: number;
  /** Variables of the agent's own environment that steps may see, besides the basic ones (executors.ts). */
  passEnv: string[];
};

export const DEFAULT_YAML_COMMAND = 'kubectl apply --server-side --namespace "$NAMESPACE" -f -';

export const USAGE = `Usage: runsheet agent --server URL --token rsa_… [options]
  --server URL            Runsheet's address (RUNSHEET_SERVER)
  --token TOKEN           the cluster's agent token (RUNSHEET_AGENT_TOKEN; better than the flag: not in ps)
  --name NAME             this agent's name on the cluster page (RUNSHEET_AGENT_NAME; default host-pid)
  --concurrency N         steps at once (RUNSHEET_AGENT_CONCURRENCY; default 2)
  --kubeconfig PATH       KUBECONFIG for bash and YAML steps (RUNSHEET_KUBECONFIG; default: the cluster's path in Runsheet)
  --sql-url URL           SQL steps' database, e.g. postgres://user:pass@db/{{ namespace }} (RUNSHEET_SQL_URL)
  --yaml-command CMD      YAML steps: reads the manifest on stdin (RUNSHEET_YAML_COMMAND; default: ${DEFAULT_YAML_COMMAND})
  --grace SECONDS         SIGTERM, then SIGKILL after this (default 10)
  --secret VALUE          a value to mask in output (repeatable; RUNSHEET_AGENT_SECRETS, comma-separated)
  --idle-exit SECONDS     exit after this long without work (default 0: never)
  --pass-env NAME         a variable of this environment that steps may see (repeatable; RUNSHEET_AGENT_PASS_ENV,
                          comma-separated). Steps see only PATH, HOME, USER, LANG, LC_*, TZ, TMPDIR, the proxy
                          variables and these — never the agent's token, SQL URL or other settings.`;

export class UsageError extends Error {}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): AgentOptions {
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new UsageError(`Unexpected argument "${arg}".\n${USAGE}`);
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${key} needs a value.\n${USAGE}`);
    flags.set(key, [...(flags.get(key) ?? []), value]);
  }
  const known = ["server", "token", "name", "concurrency", "kubeconfig", "sql-url", "yaml-command", "grace", "secret", "idle-exit", "pass-env"];
  for (const key of flags.keys()) if (!known.includes(key)) throw new UsageError(`Unknown option --${key}.\n${USAGE}`);
  const one = (key: string, envName: string) => flags.get(key)?.at(-1) ?? env[envName];
  const number = (key: string, envName: string, fallback: number, min: number, max: number) => {
    const raw = one(key, envName);
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${key} must be a whole number from ${min} to ${max}.`);
    return n;
  };
  const server = one("server", "RUNSHEET_SERVER");
  const token = one("token", "RUNSHEET_AGENT_TOKEN");
  if (!server || !/^https?:\/\//.test(server)) throw new UsageError(`--server must be Runsheet's http(s) address.\n${USAGE}`);
  if (!token || !token.startsWith("rsa_")) throw new UsageError(`--token must be an agent token (rsa_…), created on the cluster's page.\n${USAGE}`);
  const sqlUrl = one("sql-url", "RUNSHEET_SQL_URL") ?? null;
  const secrets = [...(flags.get("secret") ?? []), ...(env.RUNSHEET_AGENT_SECRETS ?? "").split(",")].map((s) => s.trim()).filter((s) => s.length >= 4);
  return {
    server: server.replace(/\/+$/, ""),
    token,
    name: one("name", "RUNSHEET_AGENT_NAME") ?? `${hostname()}-${process.pid}`,
    concurrency: number("concurrency", "RUNSHEET_AGENT_CONCURRENCY", 2, 1, 50),
    kubeconfig: one("kubeconfig", "RUNSHEET_KUBECONFIG") ?? null,
    sqlUrl,
    yamlCommand: one("yaml-command", "RUNSHEET_YAML_COMMAND") ?? DEFAULT_YAML_COMMAND,
    graceSeconds: number("grace", "RUNSHEET_AGENT_GRACE", 10, 0, 600),
    secrets: [token, ...secrets, ...passwordOf(sqlUrl)],
    idleExitSeconds: number("idle-exit", "RUNSHEET_AGENT_IDLE_EXIT", 0, 0, 86_400),
    passEnv: [...(flags.get("pass-env") ?? []), ...(env.RUNSHEET_AGENT_PASS_ENV ?? "").split(",")]
      .map((s) => s.trim())
      .filter((s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !s.startsWith("RUNSHEET_")),
  };
}

/** The password in a database URL template, so it is masked wherever it shows up. */
function passwordOf(url: string | null): string[] {
  const m = url ? /^[a-z]+:\/\/[^:/@]+:([^@]+)@/i.exec(url) : null;
  return m && m[1].length >= 4 ? [m[1], decodeURIComponent(m[1])] : [];
}
