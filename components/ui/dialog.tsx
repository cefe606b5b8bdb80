"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useRef, type ReactNode } from "react";
import { cn } from "@/lib/cn";

export const DialogRoot = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

/** A centred modal dialog (or a right-hand sheet) with title, description and focus trapping. */
export function DialogContent({
  title,
  description,
  children,
  side,
  className,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  side?: "right";
  className?: string;
}) {
  const keepEscape = useEscapeKeeper();
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/40 backdrop-blur-[1px] data-[state=open]:animate-in" />
      <RadixDialog.Content
        className={cn(
          "fixed z-50 flex flex-col bg-white shadow-xl ring-1 ring-zinc-200 focus:outline-none dark:bg-zinc-900 dark:ring-zinc-800",
          side === "right"
            ? "inset-y-0 right-0 w-full max-w-2xl"
            : "top-1/2 left-1/2 max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl",
          className,
        )}
        {...(description ? {} : { "aria-describedby": undefined })}
        onOpenAutoFocus={focusFirstField}
        onEscapeKeyDown={keepEscape}
      >
        <div className="flex items-start justify-between gap-4 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
          <div className="min-w-0">
            <RadixDialog.Title className="text-base font-semibold text-zinc-900 dark:text-zinc-50">{title}</RadixDialog.Title>
            {description ? (
              <RadixDialog.Description className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {description}
              </RadixDialog.Description>
            ) : null}
          </div>
          <DialogCloseButton />
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}

/**
 * Where focus lands when a dialog opens: its first field, so typing starts the note or the name
 * (Radix would pick the × button, and a space typed there closes the dialog and loses the text);
 * without fields, the first button of the footer (Cancel: the safe choice in a confirmation).
 */
function focusFirstField(event: Event) {
  const content = event.currentTarget as HTMLElement | null;
  const target =
    [...(content?.querySelectorAll<HTMLElement>(FIELDS) ?? [])].find((el) => el.getClientRects().length > 0) ??
    content?.querySelector<HTMLElement>("[data-dialog-footer] button:not([disabled])");
  if (!target) return;
  event.preventDefault();
  target.focus();
}

/**
 * What counts as a field: form controls a user tabs to (a textarea kept in step with a code
 * editor is taken out of the tab order, and is not one), and editable content (the code editor).
 * Only shown ones count: an editor still loading is hidden while its textarea stands in.
 */
const FIELDS = [
  'input:not([type=hidden]):not([disabled]):not([tabindex="-1"])',
  'textarea:not([disabled]):not([tabindex="-1"])',
  'select:not([disabled]):not([tabindex="-1"])',
  '[contenteditable="true"]',
].join(", ");

/**
 * Escape closes a dialog, except the first Escape inside a field that uses it
 * (`data-keeps-escape`: in the code editor, Escape then Tab moves on to the next field, so the
 * keyboard is never trapped). A second Escape there soon after closes the dialog as usual.
 */
function useEscapeKeeper() {
  const kept = useRef(0);
  return (event: KeyboardEvent) => {
    const inKeeper = event.target instanceof Element && event.target.closest("[data-keeps-escape]");
    if (!inKeeper) return;
    if (Date.now() - kept.current < 2000) {
      kept.current = 0;
      return;
    }
    kept.current = Date.now();
    event.preventDefault();
  };
}

/** The row of buttons at the bottom of a dialog form. */
/**
 * The dialog's buttons, stuck to the bottom of its scrolling body: on a phone a long form scrolls
 * under them, and Save/Cancel stay in reach.
 */
export function DialogFooter({ children }: { children: ReactNode }) {
  return (
    <div
      data-dialog-footer
      className="sticky -bottom-4 z-10 -mx-5 mt-6 -mb-4 flex flex-wrap justify-end gap-2 border-t border-zinc-200 bg-white px-5 py-3 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {children}
    </div>
  );
}

/** The × in a dialog's or sheet's header. */
export function DialogCloseButton() {
  return (
    <RadixDialog.Close
      className="-m-1 rounded-md p-1 text-zinc-500 dark:text-zinc-400 hover:bg-zinc-100 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
      aria-label="Close"
    >
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden>
        <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
      </svg>
    </RadixDialog.Close>
  );
}
