import type { ReactNode } from "react";

/**
 * A checkbox with its label, explanation and error, wired like Field: the error is read with the
 * box (aria-describedby) and shown beside it, never only in a banner.
 */
export function CheckboxField({
  id,
  name,
  label,
  hint,
  error,
  defaultChecked,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | string;
  defaultChecked?: boolean;
}) {
  const message = Array.isArray(error) ? error[0] : error;
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="flex items-start gap-2.5 text-sm">
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          aria-describedby={describedBy}
          aria-invalid={message ? true : undefined}
          className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600"
        />
        <span>
          <span className="font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
          {hint ? (
            <span id={`${id}-hint`} className="block text-xs text-zinc-500 dark:text-zinc-400">
              {hint}
            </span>
          ) : null}
        </span>
      </label>
      {message ? (
        <p id={`${id}-error`} role="alert" className="pl-6.5 text-xs font-medium text-red-600 dark:text-red-400">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The message a form shows above or below its fields: none when the refusal is already shown at
 * a field (said once, where it applies), and none for a conflict the caller words itself.
 */
export function formLevelMessage(failure: { code: string; message: string; fieldErrors?: Record<string, string[]> } | null): string | null {
  if (!failure) return null;
  const atAField = Object.keys(failure.fieldErrors ?? {}).some((k) => k !== "_form");
  return atAField ? null : failure.message;
}
