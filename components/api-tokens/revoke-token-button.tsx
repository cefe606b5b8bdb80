"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokeTokenAction } from "@/lib/domain/api-tokens/actions";

/** Revoking takes effect on the token's next request; it cannot be undone (create a new one). */
export function RevokeTokenButton({ tokenId, name }: { tokenId: number; name: string }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      }
      title={`Revoke "${name}"?`}
      description="Every request with this token is refused from now on. Jobs that use it stop working until they get a new token."
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      onConfirm={() => revokeTokenAction({ tokenId })}
    />
  );
}
