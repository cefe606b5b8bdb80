"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/domain/action-result";
import { callAction } from "./call-action";

/**
 * Binds a server action to a <form>. Keeps the last result so fields show their errors, and
 * `value(name, fallback)` refills what the user typed after a refusal (React 19 resets forms).
 */
export function useActionForm<T>(
  action: (input: FormData) => Promise<ActionResult<T>>,
  onSuccess?: (data: T) => void,
) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(async (_prev, formData) => {
    const result = await callAction(action, formData);
    if (result.ok) onSuccess?.(result.data);
    return result;
  }, null);
  const failure = state && !state.ok ? state : null;
  return {
    state,
    formAction,
    pending,
    failure,
    errorFor: (name: string) => failure?.fieldErrors?.[name],
    value: (name: string, fallback?: string | null) => failure?.values?.[name] ?? fallback ?? "",
    /** A new key after each failed submit remounts uncontrolled inputs with the echoed values. */
    formKey: failure ? `failed-${JSON.stringify(failure.values ?? {})}` : "initial",
  };
}
