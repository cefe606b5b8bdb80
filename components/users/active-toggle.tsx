"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { callAction } from "@/components/ui/call-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { setUserActiveAction } from "@/lib/domain/users/actions";

/** Disable (after a confirmation: it signs them out at once) or enable an account. */
export function ActiveToggle({ userId, userName, active }: { userId: number; userName: string; active: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (!active) {
    // Enabling takes nothing away from anyone: no confirmation.
    const enable = () =>
      startTransition(async () => {
        setError(null);
        const result = await callAction(setUserActiveAction, { userId, active: true });
        if (!result.ok) setError(result.message);
      });
    return (
      <div className="flex flex-col items-end gap-1">
        <Button variant="secondary" size="sm" disabled={pending} onClick={enable} aria-label={`Enable ${userName}`}>
          {pending ? "Enabling…" : "Enable"}
        </Button>
        {error ? (
          <p role="alert" className="text-xs text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Disable ${userName}`}>
          Disable
        </Button>
      }
      title={`Disable ${userName}?`}
      confirmLabel="Disable account"
      pendingLabel="Disabling…"
      onConfirm={() => setUserActiveAction({ userId, active: false })}
    >
      <p>They are signed out at once and can&apos;t sign in until an admin enables the account again.</p>
      <p>Nothing they did is removed: their name stays on the steps and in the audit log.</p>
    </ConfirmDialog>
  );
}
