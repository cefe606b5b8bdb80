"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { roleLabels, rolesByPower } from "@/lib/auth/roles";
import { createUserAction } from "@/lib/domain/users/actions";

/** Creates an account with an initial password the admin passes on; the user changes it at /account. */
export function AddUserDialog() {
  return (
    <FormDialog
      trigger={<Button>Add user</Button>}
      title="Add user"
      description="They sign in with this email and the initial password you choose, then change it on their Account page."
      action={createUserAction}
      submitLabel="Add user"
      pendingLabel="Adding…"
    >
      {({ errorFor }) => (
        <>
          <Field id="new-user-name" label="Name" error={errorFor("name")} required>
            <Input name="name" autoComplete="off" />
          </Field>
          <Field id="new-user-email" label="Email" error={errorFor("email")} required>
            <Input name="email" type="email" autoComplete="off" />
          </Field>
          <Field id="new-user-role" label="Role" hint="You can change it later." error={errorFor("role")} required>
            <Select name="role" defaultValue="viewer">
              {[...rolesByPower].reverse().map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="new-user-password" label="Initial password" hint="At least 12 characters. Share it with them privately." error={errorFor("password")} required>
            <Input name="password" type="password" autoComplete="new-password" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
