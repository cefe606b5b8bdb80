"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { resetUserPasswordAction } from "@/lib/domain/users/actions";

/** An admin sets a new password for someone (forgotten, or compromised): their sessions end. */
export function ResetPasswordDialog({ userId, userName }: { userId: number; userName: string }) {
  const [open, setOpen] = useState(false);
  const { formAction, pending, failure, errorFor, formKey } = useActionForm(resetUserPasswordAction, () => setOpen(false));
  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Set password
        </Button>
      </DialogTrigger>
      <DialogContent title={`Set a new password for ${userName}`} description="Every session they have open ends at once; they sign in again with this password.">
        <form key={formKey} action={formAction} className="space-y-4" noValidate>
          <input type="hidden" name="userId" value={userId} />
          {failure && !failure.fieldErrors ? <Alert tone="error">{failure.message}</Alert> : null}
          <Field id={`reset-${userId}-new`} label="New password" hint="At least 12 characters. Share it with them privately." error={errorFor("newPassword")} required>
            <Input name="newPassword" type="password" autoComplete="new-password" />
          </Field>
          <Field id={`reset-${userId}-confirm`} label="Confirm new password" error={errorFor("confirmPassword")} required>
            <Input name="confirmPassword" type="password" autoComplete="new-password" />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Set password"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </DialogRoot>
  );
}
