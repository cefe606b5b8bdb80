"use client";

import { startTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/domain/action-result";
import { useActionForm } from "./use-action-form";

/**
 * `useActionForm` for forms whose fields the action cannot echo back (repeated fields such as
 * the metadata editor's pairs): submitting through onSubmit instead of `<form action>` skips
 * React 19's automatic form reset, so after a refusal every field still holds what was typed.
 * Needs JavaScript, which a dialog does anyway.
 */
export function useKeptForm<T>(action: (input: FormData) => Promise<ActionResult<T>>, onSuccess?: (data: T) => void) {
  const form = useActionForm(action, onSuccess);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => form.formAction(data));
  };
  return { ...form, onSubmit };
}
