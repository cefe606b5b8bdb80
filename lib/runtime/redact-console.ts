import { describeError } from "@/lib/log";

/**
 * Next logs errors from page renders itself (console.error with the error object), outside our
 * logger. A database error's message and stack carry the statement's parameters ("Failed query:
 * … params: …"), so errors that came from the database are replaced by their safe description
 * (kind, SQLSTATE code, constraint) before anything is written. Other errors keep their stack.
 */
const fromDatabase = (value: unknown): boolean => {
  let current: unknown = value;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return true;
    if (typeof e.message === "string" && /failed query|params:/i.test(e.message)) return true;
    current = e.cause;
  }
  return false;
};

export function redactArgument(value: unknown): unknown {
  if (value instanceof Error || (value && typeof value === "object" && "message" in value)) {
    if (!fromDatabase(value)) return value;
    const digest = (value as { digest?: unknown }).digest;
    return `${describeError(value)}${typeof digest === "string" ? ` (digest ${digest})` : ""}`;
  }
  if (typeof value === "string" && /failed query[\s\S]*params:/i.test(value)) return value.replace(/failed query[\s\S]*/i, "a database query failed");
  return value;
}

export function redactConsole(target: Pick<Console, "error" | "warn"> = console): void {
  for (const method of ["error", "warn"] as const) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => original(...args.map(redactArgument));
  }
}
