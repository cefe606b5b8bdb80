"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { resetUserPasswordAction } from "@/lib/domain/users/actions";

/** An admin sets a new password for someone (forgotten, or compromised): their sessions end. */
export function ResetPasswordDialog({ userId, userName }: { userId: number; userName: string }) {
  return (
    <FormDialog
      trigger={
        <Button variant="ghost" size="sm">
          Set password
        </Button>
      }
      title={`Set a new password for ${userName}`}
      description="Every session they have open ends at once; they sign in again with this password."
      action={resetUserPasswordAction}
      hidden={{ userId }}
      submitLabel="Set password"
    >
      {({ errorFor }) => (
        <>
          <Field id={`reset-${userId}-new`} label="New password" hint="At least 12 characters. Share it with them privately." error={errorFor("newPassword")} required>
            <Input name="newPassword" type="password" autoComplete="new-password" />
          </Field>
          <Field id={`reset-${userId}-confirm`} label="Confirm new password" error={errorFor("confirmPassword")} required>
            <Input name="confirmPassword" type="password" autoComplete="new-password" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
