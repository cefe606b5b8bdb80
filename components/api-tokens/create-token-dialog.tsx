"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { ShownOnceDialog } from "@/components/ui/shown-once-dialog";
import { roleLabels, rolesByPower } from "@/lib/auth/roles";
import { createTokenAction } from "@/lib/domain/api-tokens/actions";
import type { CreatedToken } from "@/lib/domain/api-tokens/types";
import type { Role } from "@/lib/domain/vocabulary";

type Person = { id: number; name: string; email: string; role: Role };

const lifetimes = [
  { value: "90", label: "In 90 days" },
  { value: "30", label: "In 30 days" },
  { value: "7", label: "In 7 days" },
  { value: "365", label: "In a year" },
  { value: "", label: "Never" },
];

/**
 * Creates an API token for a person or a named service account (a CI job). The token is shown
 * once, right after, with a ready-to-run curl line; Runsheet keeps only its hash.
 */
export function CreateTokenDialog({ people, origin }: { people: Person[]; origin: string }) {
  const [principal, setPrincipal] = useState<"service" | "user">("service");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <>
      <FormDialog
        trigger={<Button>Create token</Button>}
        title="Create API token"
        description="A token lets a CI job or script call the API as a person or a service account, with the role you choose."
        action={createTokenAction}
        submitLabel="Create token"
        pendingLabel="Creating…"
        onDone={(data) => setCreated(data)}
        onOpenChange={(open) => open && setPrincipal("service")}
      >
        {({ errorFor }) => (
          <>
            <Field id="token-name" label="Token name" hint="What uses it, e.g. Jenkins deploy job." error={errorFor("name")} required>
              <Input name="name" autoComplete="off" />
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Acts as</legend>
              <div className="flex flex-wrap gap-4 text-sm">
                <label className="flex items-center gap-2">
                  <input type="radio" name="principal" value="service" checked={principal === "service"} onChange={() => setPrincipal("service")} className="accent-brand-600" />
                  A service account
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="principal" value="user" checked={principal === "user"} onChange={() => setPrincipal("user")} className="accent-brand-600" />
                  A person
                </label>
              </div>
            </fieldset>
            {principal === "service" ? (
              <Field id="token-service" label="Service account name" hint="Created if new; the history shows this name for what the token does." error={errorFor("serviceAccount")} required>
                <Input name="serviceAccount" autoComplete="off" placeholder="Jenkins" />
              </Field>
            ) : (
              <Field id="token-user" label="Person" hint="The token can hold at most their role." error={errorFor("userId")} required>
                <Select name="userId" defaultValue="">
                  <option value="" disabled>
                    Choose a person…
                  </option>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({roleLabels[p.role]})
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="token-role" label="Role" hint="Release manager to mark steps done." error={errorFor("role")} required>
                <Select name="role" defaultValue="release_manager">
                  {[...rolesByPower].reverse().map((r) => (
                    <option key={r} value={r}>
                      {roleLabels[r]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id="token-expiry" label="Expires" error={errorFor("expiresInDays")}>
                <Select name="expiresInDays" defaultValue="90">
                  {lifetimes.map((l) => (
                    <option key={l.value} value={l.value}>
                      {l.label}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
          </>
        )}
      </FormDialog>
      <ShownOnceDialog
        secret={created?.token ?? null}
        title={`Token "${created?.name}" created`}
        description={created ? `It acts as ${created.principalName} (${roleLabels[created.role]}).` : null}
        warning="This is the only time the token is shown. Runsheet keeps only a hash of it; if it is lost, revoke it and create another."
        copyLabel="Copy token"
        testId="new-token"
        onClose={() => setCreated(null)}
      >
        <div>
          <p className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Try it</p>
          <pre tabIndex={0} aria-label="Example request" className="overflow-x-auto rounded-md bg-zinc-950 px-3 py-2 font-mono text-xs text-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500">{`curl -H "Authorization: Bearer ${created?.token}" \\\n  ${origin}/api/v1/releases`}</pre>
        </div>
      </ShownOnceDialog>
    </>
  );
}
