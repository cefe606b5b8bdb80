import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

/**
 * A labelled form control with its hint and error. The control gets id, aria-describedby and
 * aria-invalid wired up, so screen readers read the error with the field. The label's id is
 * `<id>-label`, for controls a `<label for>` cannot name (the code editor's contenteditable).
 */
export function Field({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | string;
  required?: boolean;
  children: ReactElement<Record<string, unknown>>;
}) {
  const message = Array.isArray(error) ? error[0] : error;
  const describedBy = [hint && !message ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id, "aria-describedby": describedBy, invalid: Boolean(message) })
    : children;
  return (
    <div className="space-y-1.5">
      <label id={`${id}-label`} htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
        {required ? <span className="ml-0.5 text-red-600" aria-hidden>*</span> : null}
      </label>
      {control}
      {hint && !message ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {message}
        </p>
      ) : null}
    </div>
  );
}
