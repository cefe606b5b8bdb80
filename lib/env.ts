/**
 * The one place that knows every environment variable Runsheet reads, validated with zod.
 * The container entrypoint (and instrumentation at server start) call `assertEnv()`, which refuses
 * to start with ONE message listing everything missing or wrong. Messages never echo values:
 * several of these are secrets. `.env.example` documents each variable.
 */
import { z } from "zod";
import { log } from "./log";
import { parseAllowList } from "./domain/webhooks/model/address-policy";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` });
const flag = z.enum(["true", "false"], { error: 'must be "true" or "false"' });

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function isBase64Key(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return Buffer.from(value, "base64").length === 32;
}

const schema = z.object({
  NODE_ENV: optional(z.enum(["development", "production", "test"], { error: "must be development, production or test" })),
  DATABASE_URL: optional(
    z.string().refine(isPostgresUrl, {
      error: "must be a postgres:// URL, e.g. postgres://runsheet:password@db:5432/runsheet (leave unset for the embedded database)",
    }),
  ),
  MIGRATE_DATABASE_URL: optional(
    z.string().refine(isPostgresUrl, { error: "must be the owner's postgres:// URL, used only to migrate before the server starts" }),
  ),
  DATA_DIR: optional(z.string()),
  MANIFEST_CACHE_DIR: optional(z.string()),
  MIGRATIONS_DIR: optional(z.string()),
  PORT: optional(int(1, 65535)),
  HOSTNAME: optional(z.string()),
  AUTH_SECRET: optional(z.string().min(32, { error: "must be at least 32 characters (generate one with: openssl rand -base64 32)" })),
  NEXTAUTH_SECRET: optional(z.string().min(32, { error: "must be at least 32 characters (or use AUTH_SECRET)" })),
  NEXTAUTH_URL: optional(z.string().refine(isHttpUrl, { error: "must be the public http(s) URL of Runsheet, e.g. https://runsheet.example.com" })),
  SEED_DEMO: optional(flag),
  LOG_LEVEL: optional(z.enum(["debug", "info", "warn", "error", "silent"], { error: "must be debug, info, warn, error or silent" })),
  LOG_FORMAT: optional(z.enum(["json", "pretty"], { error: "must be json or pretty" })),
  DB_POOL_SIZE: optional(int(1, 100)),
  DATABASE_ROLE: optional(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: "must be a Postgres role name (lower case letters, digits, _) or none" })),
  HSTS: optional(z.enum(["on", "off"], { error: "must be on or off" })),
  OIDC_ISSUER: optional(z.string().refine(isHttpUrl, { error: "must be the issuer's http(s) URL" })),
  OIDC_CLIENT_ID: optional(z.string()),
  OIDC_CLIENT_SECRET: optional(z.string()),
  OIDC_NAME: optional(z.string()),
  ADMIN_EMAIL: optional(z.email({ error: "must be an email address" })),
  ADMIN_PASSWORD: optional(z.string().min(12, { error: "must be at least 12 characters" })),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: optional(
    z.string().refine(isBase64Key, { error: "must be the base64 of 32 random bytes (generate one with: openssl rand -base64 32)" }),
  ),
  BCRYPT_COST: optional(int(4, 15)),
  SHUTDOWN_TIMEOUT_MS: optional(int(0, 120_000)),
  HEAP_GROWING_PERCENT: optional(int(0, 400)),
  API_RATE_LIMIT_PER_MINUTE: optional(int(1, 100_000)),
  WEBHOOK_ALLOW_PRIVATE: optional(
    z.string().superRefine((v, ctx) => {
      try {
        parseAllowList(v);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: `must be a list of CIDRs, e.g. 10.20.0.0/16,fd00::/8: ${(error as Error).message}` });
      }
    }),
  ),
  WEBHOOK_RETENTION_DAYS: optional(int(1, 3650)),
  WEBHOOK_DISABLE_AFTER_FAILURES: optional(int(0, 100_000)),
});

export type Env = z.output<typeof schema>;

export type EnvResult = { ok: true; env: Env; warnings: string[] } | { ok: false; problems: string[]; message: string };

type Source = Record<string, string | undefined>;

/** Rules that span variables, or depend on NODE_ENV. */
function crossChecks(env: Env): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const production = env.NODE_ENV === "production";
  if (production && !env.AUTH_SECRET && !env.NEXTAUTH_SECRET) {
    problems.push("AUTH_SECRET: required in production (at least 32 characters; generate one with: openssl rand -base64 32)");
  }
  const oidc = { OIDC_ISSUER: env.OIDC_ISSUER, OIDC_CLIENT_ID: env.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET };
  const missingOidc = Object.entries(oidc).filter(([, v]) => !v).map(([k]) => k);
  if (missingOidc.length > 0 && missingOidc.length < 3) {
    problems.push(`${missingOidc.join(", ")}: single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none of them)`);
  }
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    problems.push(`${env.ADMIN_EMAIL ? "ADMIN_PASSWORD" : "ADMIN_EMAIL"}: ADMIN_EMAIL and ADMIN_PASSWORD go together (or leave both unset)`);
  }
  if (production && !env.NEXTAUTH_URL) {
    warnings.push("NEXTAUTH_URL is not set: sign-in redirects use the request's Host header. Set it to Runsheet's public URL.");
  }
  if (production && !env.DATABASE_URL && env.DB_POOL_SIZE) {
    warnings.push("DB_POOL_SIZE has no effect with the embedded database (it is one connection).");
  }
  return { problems, warnings };
}

/** Validates `source` (default: process.env) without side effects. */
export function parseEnv(source: Source = process.env): EnvResult {
  const parsed = schema.safeParse(source);
  const problems: string[] = [];
  let warnings: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.map(String).join(".") || "environment"}: ${issue.message}`);
    }
  }
  // Cross-variable rules run on what parsed, so one message lists every problem at once.
  const partial = parsed.success ? parsed.data : (schema.partial().safeParse(withoutInvalid(source, parsed.error)).data ?? {});
  const cross = crossChecks(partial as Env);
  problems.push(...cross.problems.filter((p) => !problems.some((q) => q.split(":")[0] === p.split(":")[0])));
  warnings = cross.warnings;
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, problems, message: formatProblems(problems) };
  }
  return { ok: true, env: parsed.data, warnings };
}

function withoutInvalid(source: Source, error: z.ZodError): Source {
  const bad = new Set(error.issues.map((i) => String(i.path[0])));
  return Object.fromEntries(Object.entries(source).filter(([k]) => !bad.has(k)));
}

export function formatProblems(problems: string[]): string {
  const count = problems.length === 1 ? "1 environment variable is" : `${problems.length} environment variables are`;
  return [
    `Runsheet cannot start: ${count} missing or wrong:`,
    ...problems.map((p) => `  - ${p}`),
    "See .env.example (or the Deploy section of the README) for every variable.",
  ].join("\n");
}

export class EnvError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = "EnvError";
  }
}

/** Validated environment, or an EnvError whose message lists every problem. */
export function loadEnv(source: Source = process.env): Env {
  const result = parseEnv(source);
  if (!result.ok) throw new EnvError(result.message, result.problems);
  return result.env;
}

/** For start-up code: throws one EnvError listing every problem; prints warnings once. */
export function assertEnv(source: Source = process.env): Env {
  const result = parseEnv(source);
  if (!result.ok) throw new EnvError(result.message, result.problems);
  for (const warning of result.warnings) log("warn", warning);
  return result.env;
}
