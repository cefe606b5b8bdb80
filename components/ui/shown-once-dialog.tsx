"use client";

import type { ReactNode } from "react";
import { CopyButton } from "@/components/code/copy-button";
import { Alert } from "./alert";
import { Button } from "./button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot } from "./dialog";

/**
 * A secret the server keeps only in a form it cannot show again (an API token, a webhook's
 * signing secret): shown once right after it is made, with a Copy button and a warning.
 */
export function ShownOnceDialog({
  secret,
  title,
  description,
  warning,
  copyLabel,
  testId,
  onClose,
  children,
}: {
  secret: string | null;
  title: string;
  description: ReactNode;
  warning: ReactNode;
  copyLabel: string;
  testId: string;
  onClose: () => void;
  children?: ReactNode;
}) {
  return (
    <DialogRoot open={secret !== null} onOpenChange={(open) => !open && onClose()}>
      {secret !== null ? (
        <DialogContent title={title} description={description}>
          <div className="space-y-4">
            <Alert tone="warning" title="Copy it now">
              {warning}
            </Alert>
            <div className="flex items-center gap-2">
              <code data-testid={testId} className="min-w-0 flex-1 truncate rounded-md bg-zinc-100 px-3 py-2 font-mono text-sm text-zinc-900 select-all dark:bg-zinc-800 dark:text-zinc-100">
                {secret}
              </code>
              <CopyButton text={secret} label={copyLabel} />
            </div>
            {children}
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      ) : null}
    </DialogRoot>
  );
}
