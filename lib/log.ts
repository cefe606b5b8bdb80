/**
 * Structured logs: JSON lines in production (one per request/action), readable lines in
 * development. Never log secrets or step content: callers pass only names, ids and outcomes.
 */
type Level = "debug" | "info" | "warn" | "error";

const json = process.env.NODE_ENV === "production" || process.env.LOG_FORMAT === "json";

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (process.env.LOG_LEVEL === "silent") return;
  const line = json
    ? JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })
    : `${level.toUpperCase()} ${msg} ${Object.entries(fields)
        .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join(" ")}`;
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export function errorRef(): string {
  return Math.random().toString(36).slice(2, 8);
}

type PgLike = { code?: unknown; constraint?: unknown; constraint_name?: unknown; table?: unknown; table_name?: unknown; cause?: unknown };

/**
 * An error as it may appear in a log: its kind and, for database errors, the SQLSTATE code and
 * constraint — never a message that may carry request values. Drizzle's "Failed query: … params:
 * …" text holds the statement's parameters (step content, password hashes), and a driver message
 * can quote the offending value, so neither is ever logged.
 */
export function describeError(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as PgLike;
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      const constraint = e.constraint ?? e.constraint_name;
      const table = e.table ?? e.table_name;
      return `database error ${e.code}${typeof table === "string" ? ` on ${table}` : ""}${typeof constraint === "string" ? ` (${constraint})` : ""}`;
    }
    current = e.cause;
  }
  if (error instanceof Error) {
    if (/failed query|params:/i.test(error.message)) return `${error.name}: a database query failed`;
    return `${error.name}: ${error.message.split("\n")[0].slice(0, 200)}`;
  }
  return `non-error thrown (${typeof error})`;
}
