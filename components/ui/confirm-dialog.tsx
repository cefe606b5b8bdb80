"use client";

import { useState, useTransition, type ReactElement, type ReactNode } from "react";
import type { ActionResult } from "@/lib/domain/action-result";
import { Alert } from "./alert";
import { Button, ButtonLink } from "./button";
import { callAction } from "./call-action";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "./dialog";

/**
 * "Are you sure?" for one server action — one of the two dialogs every dialog is built from (the
 * other is FormDialog). The trigger opens it, the confirm button runs the action, a refusal is
 * shown inside the dialog (which stays open), success closes it. With `blocked` the action is not
 * possible now: the dialog says why and offers a way forward instead of a doomed button.
 */
export function ConfirmDialog<T>({
  trigger,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel,
  tone = "danger",
  onConfirm,
  onDone,
  blocked,
}: {
  trigger: ReactElement;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  tone?: "danger" | "primary";
  onConfirm: () => Promise<ActionResult<T>>;
  onDone?: (data: T) => void;
  blocked?: { title: string; reason: ReactNode; next?: { href: string; label: string } };
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      const result = await callAction(onConfirm, undefined);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setOpen(false);
      onDone?.(result.data);
    });

  return (
    <DialogRoot
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setError(null);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        {blocked ? (
          <>
            <Alert tone="warning" title={blocked.title}>
              {blocked.reason}
            </Alert>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="secondary">Close</Button>
              </DialogClose>
              {blocked.next ? (
                <ButtonLink href={blocked.next.href} onClick={() => setOpen(false)}>
                  {blocked.next.label}
                </ButtonLink>
              ) : null}
            </DialogFooter>
          </>
        ) : (
          <>
            <div className="space-y-3 text-sm text-zinc-700 dark:text-zinc-300">
              {children}
              {error ? <Alert tone="error">{error}</Alert> : null}
            </div>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button variant={tone} onClick={confirm} disabled={pending}>
                {pending ? (pendingLabel ?? "Working…") : confirmLabel}
              </Button>
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
