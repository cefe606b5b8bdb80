"use client";

import { useState, useTransition, type ReactElement, type ReactNode } from "react";
import type { ActionResult } from "@/lib/domain/action-result";
import { Alert } from "./alert";
import { Button } from "./button";
import { callAction } from "./call-action";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "./dialog";

/**
 * "Are you sure?" for one server action: the trigger opens it, the confirm button runs the action,
 * a refusal is shown inside the dialog (which stays open), success closes it.
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
      </DialogContent>
    </DialogRoot>
  );
}
