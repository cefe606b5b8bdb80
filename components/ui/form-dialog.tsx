"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactElement, type ReactNode } from "react";
import type { ActionResult } from "@/lib/domain/action-result";
import { Alert } from "./alert";
import { formLevelMessage } from "./checkbox-field";
import { Button } from "./button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "./dialog";
import { useKeptForm } from "./use-kept-form";

type Tone = "primary" | "secondary" | "danger";
export type DialogFormState = Pick<ReturnType<typeof useKeptForm<unknown>>, "pending" | "failure" | "errorFor" | "value">;

/**
 * One of the two dialogs every dialog in the product is built from (the other is ConfirmDialog):
 * a trigger that opens a form for one server action.
 * - Focus lands on the first field, so typing starts the note (not on the × button).
 * - A refusal keeps everything typed (the form is submitted without React's reset) and shows the
 *   field errors beside their fields, the rest above the buttons.
 * - Success closes it and hands the action's data to `onDone`.
 * - A conflict (someone else changed it first) closes it, refreshes the page (or calls
 *   `onConflict` where the page must not re-render) and passes the message to `onNotice`, so the
 *   user never resubmits over someone else's change.
 */
export function FormDialog<T>({
  trigger,
  title,
  description,
  action,
  hidden,
  submitLabel,
  pendingLabel = "Saving…",
  submitTone = "primary",
  wide,
  onDone,
  onConflict,
  onNotice,
  onOpenChange,
  children,
}: {
  trigger: ReactElement;
  title: ReactNode;
  description?: ReactNode;
  action: (input: FormData) => Promise<ActionResult<T>>;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  pendingLabel?: string;
  submitTone?: Tone;
  wide?: boolean;
  onDone?: (data: T) => void;
  onConflict?: () => void;
  onNotice?: (message: string) => void;
  /** Told when the dialog opens or closes (e.g. to reset state the fields share with the label). */
  onOpenChange?: (open: boolean) => void;
  children?: (form: DialogFormState) => ReactNode;
}) {
  const [open, setOpenState] = useState(false);
  const setOpen = (next: boolean) => {
    setOpenState(next);
    onOpenChange?.(next);
  };
  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description} className={wide ? "sm:max-w-3xl" : undefined}>
        <Form
          action={action}
          hidden={hidden}
          submitLabel={submitLabel}
          pendingLabel={pendingLabel}
          submitTone={submitTone}
          onConflict={onConflict}
          onClose={(outcome) => {
            setOpen(false);
            if (outcome.kind === "conflict") onNotice?.(outcome.message);
            else onDone?.(outcome.data);
          }}
        >
          {children}
        </Form>
      </DialogContent>
    </DialogRoot>
  );
}

type Outcome<T> = { kind: "done"; data: T } | { kind: "conflict"; message: string };

/** Mounted only while the dialog is open, so each opening starts without old errors. */
function Form<T>({
  action,
  hidden,
  submitLabel,
  pendingLabel,
  submitTone,
  onConflict,
  onClose,
  children,
}: {
  action: (input: FormData) => Promise<ActionResult<T>>;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  pendingLabel: string;
  submitTone: Tone;
  onConflict?: () => void;
  onClose: (outcome: Outcome<T>) => void;
  children?: (form: DialogFormState) => ReactNode;
}) {
  const router = useRouter();
  const form = useKeptForm(
    async (fd: FormData) => {
      const result = await action(fd);
      if (!result.ok && result.code === "conflict") {
        onClose({ kind: "conflict", message: result.message });
        if (onConflict) onConflict();
        else router.refresh();
      }
      return result;
    },
    (data) => onClose({ kind: "done", data }),
  );
  const { failure } = form;
  const formError = failure && failure.code !== "conflict" ? formLevelMessage(failure) : null;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(form)}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant={submitTone} disabled={form.pending}>
          {form.pending ? pendingLabel : submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
