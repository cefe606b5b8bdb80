"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { roleLabels, roles } from "@/lib/auth/roles";
import { createUserAction } from "@/lib/domain/users/actions";

/** Creates an account with an initial password the admin passes on; the user changes it at /account. */
export function AddUserDialog() {
  const [open, setOpen] = useState(false);
  const { formAction, pending, failure, errorFor, value, formKey } = useActionForm(createUserAction, () => setOpen(false));
  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Add user</Button>
      </DialogTrigger>
      <DialogContent title="Add user" description="They sign in with this email and the initial password you choose, then change it on their Account page.">
        <form key={formKey} action={formAction} className="space-y-4" noValidate>
          {failure && !failure.fieldErrors ? <Alert tone="error">{failure.message}</Alert> : null}
          <Field id="new-user-name" label="Name" error={errorFor("name")} required>
            <Input name="name" autoComplete="off" defaultValue={value("name")} />
          </Field>
          <Field id="new-user-email" label="Email" error={errorFor("email")} required>
            <Input name="email" type="email" autoComplete="off" defaultValue={value("email")} />
          </Field>
          <Field id="new-user-role" label="Role" hint="You can change it later." error={errorFor("role")} required>
            <Select name="role" defaultValue={value("role", "viewer")}>
              {[...roles].reverse().map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="new-user-password" label="Initial password" hint="At least 12 characters. Share it with them privately." error={errorFor("password")} required>
            <Input name="password" type="password" autoComplete="new-password" />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? "Adding…" : "Add user"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </DialogRoot>
  );
}
