import { errorRef, describeError, log } from "@/lib/log";
import type { ActionResult } from "@/lib/domain/action-result";

export type ApiCode = "invalid_input" | "unauthenticated" | "forbidden" | "not_found" | "invalid_state" | "conflict" | "rate_limited" | "internal";

const statusOf: Record<ApiCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_state: 409,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

const noStore = { "cache-control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...noStore, ...headers } });
}

/** One error shape for every refusal: `{ error: { code, message, fieldErrors? } }`. */
export function problem(code: ApiCode, message: string, extra: { fieldErrors?: Record<string, string[]>; headers?: Record<string, string>; body?: Record<string, unknown> } = {}): Response {
  const headers = { ...(code === "unauthenticated" ? { "www-authenticate": 'Bearer realm="runsheet"' } : {}), ...extra.headers };
  return json({ error: { code, message, ...(extra.fieldErrors ? { fieldErrors: extra.fieldErrors } : {}) }, ...extra.body }, statusOf[code], headers);
}

/** An action's refusal as the API answers it (same code, same words). */
export function refusal(result: Extract<ActionResult<unknown>, { ok: false }>, body?: Record<string, unknown>): Response {
  return problem(result.code, result.message, { fieldErrors: result.fieldErrors, body });
}

/** Anything unexpected: logged with a reference, answered without a stack. */
export function internal(where: string, error: unknown): Response {
  const ref = errorRef();
  log("error", "api failed", { where, ref, error: describeError(error) });
  if (process.env.API_DEBUG) console.error(error);
  return problem("internal", `Something went wrong (ref ${ref}). Nothing was changed.`);
}

/** zod issues as field errors, keyed by the field's path. */
export function fieldErrorsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[issue.path.length ? issue.path.map(String).join(".") : "_body"] ??= []).push(issue.message);
  return out;
}
