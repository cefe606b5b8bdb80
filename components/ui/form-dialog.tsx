"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/domain/action-result";

type Variant = "primary" | "secondary" | "ghost" | "danger";
export type Form = ReturnType<typeof useActionForm<unknown>>;

/**
 * A button that opens a Radix dialog holding one action's form (focus trapped, Esc closes, focus
 * returns to the button). Success closes it — the action revalidated this page. A conflict
 * closes it too, reloads the page and hands the "Changed by … — reloaded" message to `onNotice`,
 * so the user never resubmits over someone else's change. Other refusals stay in the dialog.
 * Where the page must not re-render (the matrix), `onConflict` replaces the reload.
 */
export function ActionDialog({
  label,
  title,
  description,
  action,
  hidden,
  submitLabel,
  variant = "secondary",
  submitVariant = "primary",
  onNotice,
  onDone,
  onConflict,
  wide,
  disabled,
  children,
}: {
  label: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  action: (input: FormData) => Promise<ActionResult<unknown>>;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  variant?: Variant;
  submitVariant?: Variant;
  onNotice?: (message: string) => void;
  onDone?: (data: unknown) => void;
  /** Instead of reloading the page after a conflict (the caller refreshes what it shows). */
  onConflict?: () => void;
  wide?: boolean;
  disabled?: boolean;
  children?: (form: Form) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={variant} size="sm" disabled={disabled}>
          {label}
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description} className={wide ? "sm:max-w-3xl" : undefined}>
        <DialogForm
          action={action}
          hidden={hidden}
          submitLabel={submitLabel}
          submitVariant={submitVariant}
          onConflict={onConflict}
          onClose={(notice, data) => {
            setOpen(false);
            if (notice) onNotice?.(notice);
            else onDone?.(data);
          }}
        >
          {children}
        </DialogForm>
      </DialogContent>
    </DialogRoot>
  );
}

/** Mounted only while the dialog is open, so each opening starts without old errors. */
function DialogForm({
  action,
  hidden,
  submitLabel,
  submitVariant,
  onConflict,
  onClose,
  children,
}: {
  action: (input: FormData) => Promise<ActionResult<unknown>>;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  submitVariant: Variant;
  onConflict?: () => void;
  onClose: (notice?: string, data?: unknown) => void;
  children?: (form: Form) => ReactNode;
}) {
  const router = useRouter();
  const form = useActionForm(async (fd: FormData) => {
    const result = await action(fd);
    if (!result.ok && result.code === "conflict") {
      onClose(result.message);
      if (onConflict) onConflict();
      else router.refresh();
    }
    return result;
  }, (data) => onClose(undefined, data));
  const { failure } = form;
  const showFormError = failure && failure.code !== "conflict" && !(failure.code === "invalid_input" && failure.fieldErrors && Object.keys(failure.fieldErrors).some((k) => k !== "_form"));
  return (
    <form action={form.formAction} key={form.formKey} className="space-y-4">
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(form)}
      {showFormError ? <Alert tone="error">{failure.message}</Alert> : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant={submitVariant} disabled={form.pending}>
          {form.pending ? "Saving…" : submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
