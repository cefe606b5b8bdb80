/** The closed set of outcomes a user can be told about (HOUSE.md, "Errors a user may see"). */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_state"
  | "conflict"
  | "internal";

export type FieldErrors = Record<string, string[]>;

/** A refusal the domain means to make, in words a user understands. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message: string, options: { fieldErrors?: FieldErrors } = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} was not found.`);
export const invalidState = (message: string) => new DomainError("invalid_state", message);
export const conflict = (message: string) => new DomainError("conflict", message);
export const invalidField = (field: string, message: string) =>
  new DomainError("invalid_input", message, { fieldErrors: { [field]: [message] } });

type PgErrorLike = { code?: string; constraint?: string; constraint_name?: string; message?: string };

/** Finds the Postgres error under Drizzle's wrapper (both drivers put it on `cause`). */
export function pgErrorOf(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Translates a unique (23505) or foreign-key (23503) violation into the DomainError the caller
 * names for that constraint; anything else is rethrown untouched.
 */
export function rethrowConstraint(error: unknown, messages: Record<string, DomainError>): never {
  const pg = pgErrorOf(error);
  const constraint = pg?.constraint ?? pg?.constraint_name;
  if (pg && constraint && messages[constraint]) throw messages[constraint];
  throw error;
}
