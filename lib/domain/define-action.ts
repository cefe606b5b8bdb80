import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasRole, roleLabels, type Actor } from "@/lib/auth/roles";
import { describeError, errorRef, log } from "@/lib/log";
import type { ActionResult } from "./action-result";
import { DomainError } from "./errors";
import { echoValues, formDataToObject } from "./form-data";
import type { Role } from "@/db/schema/vocabulary";

type Definition<S extends z.ZodType, T> = {
  /** For logs and the audit trail, e.g. "cluster.create". */
  name: string;
  /** The least role allowed to call it; checked against the database on every call. */
  role: Role;
  input: S;
  /** What the user is refused, in words: "You don't have permission to <verb>." */
  verb?: string;
  run: (input: z.output<S>, actor: Actor) => Promise<T>;
  /** Paths whose server render changed; keep it narrow (HOUSE.md). */
  revalidate?: (data: T, input: z.output<S>) => string[];
};

/**
 * The one wrapper every server action goes through. Every export of a "use server" file is a
 * public endpoint, so this runs on every call, whatever the UI showed: session and role, input
 * parse, one domain call, error mapping, narrow revalidation, a typed result.
 */
export function defineAction<S extends z.ZodType, T>(def: Definition<S, T>) {
  const action = async function action(raw: unknown): Promise<ActionResult<T>> {
    const started = Date.now();
    let actor: Actor | null;
    try {
      actor = await getCurrentUser();
    } catch (error) {
      // The session check itself failed (e.g. the database is unreachable): the same calm answer
      // as any other unexpected failure, never an error page.
      return finish(def.name, started, unexpected(def.name, error));
    }
    if (!actor) return finish(def.name, started, { ok: false, code: "unauthenticated", message: "Please sign in again." });
    return execute(def, actor, raw, started);
  };
  operations.set(action, (actor, raw, via) => execute(def, actor, raw, Date.now(), via));
  return action;
}

type Operation = (actor: Actor, raw: unknown, via?: string) => Promise<ActionResult<unknown>>;
/** Every action's definition, keyed by the action, so the API runs the very same one (callAs). */
const operations = new WeakMap<object, Operation>();

/**
 * Runs an action as `actor`, established by the caller some other way than the session cookie
 * (the API's bearer token): the same role check, input parse, domain call, error mapping and
 * revalidation as the browser's call. One path for every rule (README, "API").
 */
export async function callAs<T>(action: (raw: unknown) => Promise<ActionResult<T>>, actor: Actor, raw: unknown, via = "api"): Promise<ActionResult<T>> {
  const operation = operations.get(action);
  if (!operation) throw new Error("callAs: not an action made by defineAction");
  return operation(actor, raw, via) as Promise<ActionResult<T>>;
}

function finish<T>(name: string, started: number, result: ActionResult<T>, actor?: Actor, via?: string): ActionResult<T> {
  log(result.ok ? "info" : result.code === "internal" ? "error" : "info", "action", {
    action: name,
    actor: actor?.id,
    via,
    outcome: result.ok ? "ok" : result.code,
    ms: Date.now() - started,
  });
  return result;
}

/** Everything after the session: role, input parse, the one domain call, error mapping, revalidation. */
async function execute<S extends z.ZodType, T>(def: Definition<S, T>, actor: Actor, raw: unknown, started: number, via?: string): Promise<ActionResult<T>> {
  const done = (result: ActionResult<T>) => finish(def.name, started, result, actor, via);
  if (!hasRole(actor.role, def.role)) {
    return done({
      ok: false,
      code: "forbidden",
      message: `You don't have permission to ${def.verb ?? "do that"} (${roleLabels[def.role]} needed).`,
    });
  }

  // Only data is input: a promise or a function here is a crafted wire reference (the proxy refuses
  // those before React decodes them; this is the wrapper's own guard), and a parse that throws
  // is answered like any other bad input — never a stack.
  if (raw !== null && (typeof raw === "function" || typeof (raw as { then?: unknown } | undefined)?.then === "function")) {
    return done({ ok: false, code: "invalid_input", message: "The request could not be read. Nothing was changed." });
  }
  let input: unknown;
  let parsed: ReturnType<typeof def.input.safeParse>;
  try {
    input = formDataToObject(raw);
    parsed = def.input.safeParse(input);
  } catch {
    return done({ ok: false, code: "invalid_input", message: "The request could not be read. Nothing was changed." });
  }
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return done({ ok: false, code: "invalid_input", message: "Please correct the highlighted fields.", fieldErrors, values: echoValues(input) });
  }

  try {
    const data = await def.run(parsed.data, actor);
    for (const path of def.revalidate?.(data, parsed.data) ?? []) revalidatePath(path);
    return done({ ok: true, data });
  } catch (error) {
    if (error instanceof DomainError) {
      return done({
        ok: false,
        code: error.code,
        message: error.message,
        fieldErrors: error.fieldErrors,
        values: error.code === "invalid_input" || error.code === "conflict" ? echoValues(input) : undefined,
      });
    }
    return done(unexpected(def.name, error));
  }
}

/** An unexpected failure: logged with a reference the user can quote, never shown as a stack. */
function unexpected(action: string, error: unknown): { ok: false; code: "internal"; message: string } {
  const ref = errorRef();
  log("error", "action failed", { action, ref, error: describeError(error) });
  return { ok: false, code: "internal", message: `Something went wrong (ref ${ref}). Nothing was changed.` };
}
