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
