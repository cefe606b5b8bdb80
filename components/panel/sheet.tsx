"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { DialogCloseButton } from "@/components/ui/dialog";

/**
 * A right-hand sheet over Radix Dialog (focus trapped, Esc closes). Unlike the shared dialog it
 * is opened without a trigger (by any cell of the grid), so the caller says where focus returns.
 */
export function Sheet({
  open,
  onClose,
  eyebrow,
  title,
  description,
  onCloseFocus,
  children,
}: {
  open: boolean;
  onClose: () => void;
  eyebrow?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Where focus goes when the sheet closes (the cell it was opened from). */
  onCloseFocus: () => void;
  children: ReactNode;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/30 dark:bg-black/50" />
        <RadixDialog.Content
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-2xl flex-col bg-white shadow-2xl ring-1 ring-zinc-200 focus:outline-none dark:bg-zinc-900 dark:ring-zinc-800"
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            onCloseFocus();
          }}
          {...(description ? {} : { "aria-describedby": undefined })}
          data-testid="step-panel"
        >
          <div className="flex items-start justify-between gap-4 border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
            <div className="min-w-0">
              {eyebrow ? <div className="mb-0.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">{eyebrow}</div> : null}
              <RadixDialog.Title className="text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{title}</RadixDialog.Title>
              {description ? <RadixDialog.Description className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{description}</RadixDialog.Description> : null}
            </div>
            <DialogCloseButton />
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
