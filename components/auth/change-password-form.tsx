"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { changeOwnPasswordAction } from "@/lib/domain/users/actions";

export function ChangePasswordForm() {
  const [done, setDone] = useState(0);
  const { formAction, pending, failure, errorFor, formKey } = useActionForm(changeOwnPasswordAction, () => setDone((n) => n + 1));
  return (
    <form key={`${formKey}-${done}`} action={formAction} className="max-w-sm space-y-4" noValidate>
      {done > 0 && !failure ? <Alert tone="success">Your password was changed. Every other session was signed out.</Alert> : null}
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.message}</Alert> : null}
      <Field id="currentPassword" label="Current password" error={errorFor("currentPassword")}>
        <Input name="currentPassword" type="password" autoComplete="current-password" />
      </Field>
      <Field id="newPassword" label="New password" hint="At least 12 characters." error={errorFor("newPassword")}>
        <Input name="newPassword" type="password" autoComplete="new-password" />
      </Field>
      <Field id="confirmPassword" label="Confirm new password" error={errorFor("confirmPassword")}>
        <Input name="confirmPassword" type="password" autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
