"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { setUserActiveAction } from "@/lib/domain/users/actions";

/** Disable (after a confirmation: it signs them out at once) or enable an account. */
export function ActiveToggle({ userId, userName, active }: { userId: number; userName: string; active: boolean }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (next: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await setUserActiveAction({ userId, active: next });
      if (result.ok) setOpen(false);
      else setError(result.message);
    });

  if (!active) {
    return (
      <div className="flex flex-col items-end gap-1">
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(true)} aria-label={`Enable ${userName}`}>
          {pending ? "Enabling…" : "Enable"}
        </Button>
        {error ? <p role="alert" className="text-xs text-red-600 dark:text-red-400">{error}</p> : null}
      </div>
    );
  }
  return (
    <DialogRoot open={open} onOpenChange={(o) => { setOpen(o); setError(null); }}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Disable ${userName}`}>
          Disable
        </Button>
      </DialogTrigger>
      <DialogContent title={`Disable ${userName}?`}>
        <div className="space-y-3 text-sm text-zinc-600 dark:text-zinc-400">
          <p>They are signed out at once and can&apos;t sign in until an admin enables the account again.</p>
          <p>Nothing they did is removed: their name stays on the steps and in the audit log.</p>
          {error ? <Alert tone="error">{error}</Alert> : null}
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant="danger" disabled={pending} onClick={() => run(false)}>
            {pending ? "Disabling…" : "Disable account"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </DialogRoot>
  );
}
