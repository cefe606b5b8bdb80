"use server";

import type { ActionResult } from "@/lib/domain/action-result";
import { DomainError } from "@/lib/domain/errors";
import { echoValues, formDataToObject } from "@/lib/domain/form-data";
import { errorRef, log } from "@/lib/log";
import { setupInput } from "./input";
import { completeSetup } from "@/lib/domain/users/mutations/users";

/**
 * The one action that runs without a session: first-run setup creates the first admin while no
 * user exists. It cannot go through defineAction (there is no one to be yet); instead the
 * mutation refuses, inside its transaction, once any user exists — so after setup this endpoint
 * does nothing whoever calls it. Listed as public in tests/integration/actions-guard.test.ts.
 */
export async function completeSetupAction(raw: unknown): Promise<ActionResult<{ email: string }>> {
  const input = formDataToObject(raw);
  const parsed = setupInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.map(String).join(".") || "_form"] ??= []).push(issue.message);
    return { ok: false, code: "invalid_input", message: "Please correct the highlighted fields.", fieldErrors, values: echoValues(input) };
  }
  try {
    const user = await completeSetup(parsed.data);
    log("info", "action", { action: "setup.first_admin", actor: user.id, outcome: "ok" });
    return { ok: true, data: { email: user.email } };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message };
    const ref = errorRef();
    log("error", "action failed", { action: "setup.first_admin", ref, error: error instanceof Error ? error.name : "error" });
    return { ok: false, code: "internal", message: `Something went wrong (ref ${ref}). Nothing was changed.` };
  }
}

