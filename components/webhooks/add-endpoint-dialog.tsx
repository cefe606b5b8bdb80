"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { ShownOnceDialog } from "@/components/ui/shown-once-dialog";
import { createEndpointAction } from "@/lib/domain/webhooks/actions";
import { webhookEvents } from "@/lib/domain/webhooks/model/events";
import type { CreatedEndpoint } from "@/lib/domain/webhooks/types";

const defaults = new Set(["customer.completed", "release.completed", "stage.promoted"]);

/** Registers a receiver; its signing secret is shown once, right after. */
export function AddEndpointDialog() {
  const [created, setCreated] = useState<CreatedEndpoint | null>(null);
  return (
    <>
      <FormDialog
        trigger={<Button>Add webhook</Button>}
        title="Add webhook"
        description="Runsheet POSTs each chosen event to this URL, signed with a secret you get next."
        action={createEndpointAction}
        submitLabel="Add webhook"
        pendingLabel="Adding…"
        onDone={(data) => setCreated(data)}
      >
        {({ errorFor }) => (
          <>
            <Field id="hook-name" label="Name" hint="Who receives it, e.g. #releases on Slack." error={errorFor("name")} required>
              <Input name="name" autoComplete="off" />
            </Field>
            <Field id="hook-url" label="URL" error={errorFor("url")} required>
              <Input name="url" type="url" inputMode="url" autoComplete="off" placeholder="https://hooks.example.com/runsheet" />
            </Field>
            <fieldset aria-describedby={errorFor("events") ? "hook-events-error" : undefined}>
              <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
                Events<span className="ml-0.5 text-red-600" aria-hidden>*</span>
              </legend>
              <div className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
                {Object.entries(webhookEvents).map(([value, label]) => (
                  <label key={value} className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
                    <input type="checkbox" name="events" value={value} defaultChecked={defaults.has(value)} className="size-4 accent-brand-600" />
                    {label}
                  </label>
                ))}
              </div>
              {errorFor("events") ? (
                <p id="hook-events-error" className="mt-1 text-xs text-red-600 dark:text-red-400">
                  {errorFor("events")}
                </p>
              ) : null}
            </fieldset>
            <Field id="hook-format" label="Format" hint="Slack-compatible posts a { text } message any Slack or Mattermost incoming webhook shows." error={errorFor("format")}>
              <Select name="format" defaultValue="json">
                <option value="json">JSON event</option>
                <option value="slack">Slack-compatible message</option>
              </Select>
            </Field>
          </>
        )}
      </FormDialog>
      <ShownOnceDialog
        secret={created?.secret ?? null}
        title={`Webhook "${created?.name}" added`}
        description="Use this secret to check the X-Runsheet-Signature header of each request."
        warning="The secret is not shown again. If it is lost, add the webhook again."
        copyLabel="Copy secret"
        testId="new-secret"
        onClose={() => setCreated(null)}
      />
    </>
  );
}
