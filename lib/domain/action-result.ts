import type { ErrorCode, FieldErrors } from "./errors";

/** What every server action returns; safe to send to the browser. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;
