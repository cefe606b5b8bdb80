"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { callAction } from "@/components/ui/call-action";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/domain/action-result";
import { exportReleaseAction, importReleaseAction, previewReleaseImportAction } from "@/lib/domain/releases/file-actions";
import type { ImportPreview } from "@/lib/domain/releases/types";
import { plural } from "@/lib/plural";

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

/** Release as code: download the release as YAML, optionally with every customer's state. */
export function ExportReleaseButtons({ releaseId, hasCustomers }: { releaseId: number; hasCustomers: boolean }) {
  const [customers, setCustomers] = useState(false);
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost">Export YAML</Button>}
      title="Export this release as YAML"
      description="One file with the release's details, variables, track and template steps: review it, keep it in Git, import it as a new draft."
      confirmLabel="Download"
      pendingLabel="Preparing…"
      tone="primary"
      onConfirm={() => exportReleaseAction({ id: releaseId, customers })}
      onDone={(data) => download(data.yaml, data.filename)}
    >
      {hasCustomers ? (
        <label className="flex items-start gap-2">
          <input type="checkbox" checked={customers} onChange={(e) => setCustomers(e.target.checked)} className="mt-0.5 size-4 accent-brand-600" />
          <span>
            Include every customer&rsquo;s steps
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">Overrides, custom steps, statuses, skip reasons and notes (for the record; an import leaves them out).</span>
          </span>
        </label>
      ) : null}
    </ConfirmDialog>
  );
}

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * Import a release file as a new draft: paste it or choose it, see what it will create (checked by
 * the same rules), then create the draft. Problems are listed by field path ("steps.deploy.2.content").
 */
export function ImportReleaseForm() {
  const router = useRouter();
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, start] = useTransition();
  const check = () =>
    start(async () => {
      const result = await callAction(previewReleaseImportAction, { text, name });
      setPreview(result.ok ? result.data : null);
      setFailure(result.ok ? null : result);
    });
  const create = () =>
    start(async () => {
      const result = await callAction(importReleaseAction, { text, name });
      if (!result.ok) {
        setFailure(result);
        return;
      }
      router.push(`/releases/${result.data.id}?imported=${result.data.templateSteps}`);
    });
  const problems = Object.entries(failure?.fieldErrors ?? {}).filter(([key]) => key !== "text" && key !== "name");
  return (
    <div className="max-w-3xl space-y-5">
      <Field id="import-file" label="Release file" hint="A file exported from a release (Export YAML), or written by hand.">
        <input
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          className="block text-sm text-zinc-700 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium dark:text-zinc-300 dark:file:bg-zinc-800 dark:file:text-zinc-200"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            setText(await f.text());
            setPreview(null);
            setFailure(null);
          }}
        />
      </Field>
      <Field id="import-text" label="Or paste it here" error={failure?.fieldErrors?.text}>
        <Textarea
          rows={14}
          className="font-mono text-xs"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPreview(null);
          }}
          spellCheck={false}
        />
      </Field>
      <Field id="import-name" label="Name of the new release" hint="Leave empty to use the file's name." error={failure?.fieldErrors?.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </Field>
      {failure ? (
        <Alert tone="error" title="The file cannot be imported as it is">
          <p>{failure.message}</p>
          {problems.length > 1 ? (
            <ul className="mt-2 list-disc space-y-0.5 pl-5" data-testid="import-problems">
              {problems.map(([key, messages]) => (
                <li key={key}>
                  <code className="font-mono text-xs">{key}</code>: {messages[0]}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {preview ? (
        <div className="rounded-lg border border-zinc-200 px-4 py-3 text-sm text-zinc-800 dark:border-zinc-700 dark:text-zinc-200" data-testid="import-preview" aria-live="polite">
          <p className="font-medium">
            Creates the draft {preview.type} <strong>{preview.name}</strong>
            {preview.version ? ` (${preview.version})` : ""}
            {preview.track ? ` on track ${preview.track}` : " with no track"}, with {plural(preview.variables, "variable")}:
          </p>
          <ul className="mt-2 list-disc space-y-0.5 pl-5">
            <li>
              {plural(preview.deploy.length, "deploy step")}
              {preview.deploy.length ? `: ${preview.deploy.join(", ")}` : ""}
            </li>
            <li>
              {plural(preview.verify.length, "verify step")}
              {preview.verify.length ? `: ${preview.verify.join(", ")}` : ""}
            </li>
          </ul>
          {preview.customersInFile ? (
            <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
              The file also lists {plural(preview.customersInFile, "customer")}&rsquo; states: those are not imported (a draft has no customers; activation gives them their steps).
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <Button variant="secondary" onClick={check} disabled={pending || !text.trim()}>
          {pending && !preview ? "Checking…" : "Preview"}
        </Button>
        <Button onClick={create} disabled={pending || !preview}>
          Create draft
        </Button>
        <ButtonLink href="/releases" variant="ghost">
          Cancel
        </ButtonLink>
      </div>
    </div>
  );
}
