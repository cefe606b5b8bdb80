"use client";

import type { StepExecution } from "@/lib/domain/vocabulary";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CodeEditor } from "@/components/code/code-editor";
import { Alert } from "@/components/ui/alert";
import { formLevelMessage } from "@/components/ui/checkbox-field";
import { ReviewCheckbox } from "@/components/steps/review-checkbox";
import { ExecutionSelect } from "@/components/steps/execution-select";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/domain/action-result";
import { createTemplateStepAction, updateTemplateStepAction } from "@/lib/domain/templates/actions";
import type { StepCategory, StepType } from "@/lib/domain/vocabulary";

export type TemplateFormValues = {
  id?: number;
  version?: number;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string;
  needsReview?: boolean;
  execution?: StepExecution;
};

type Sibling = { id: number; name: string; category: StepCategory };

const placeholders: Record<StepType, string> = {
  bash: "kubectl -n $NAMESPACE rollout status deploy/api",
  sql: "ALTER TABLE orders ADD COLUMN region text;",
  yaml: "apiVersion: v1\nkind: ConfigMap\n…",
  text: "1. Open the admin console\n2. Check …",
};

/**
 * Add or edit a template step. For an edit of an active release the form says up front how many
 * customer copies follow the change and how many are kept (BR-R02, BR-S07), and carries the
 * version it was loaded with, so a concurrent edit is refused instead of overwritten.
 */
export function TemplateForm({
  releaseId,
  initial,
  siblings = [],
  impact,
}: {
  releaseId: number;
  initial?: TemplateFormValues;
  siblings?: Sibling[];
  impact?: { untouched: number; kept: number } | null;
}) {
  const router = useRouter();
  const editing = Boolean(initial?.id);
  const submit: (input: FormData) => Promise<ActionResult<unknown>> = editing ? updateTemplateStepAction : createTemplateStepAction;
  const { formAction, pending, failure, errorFor, value, formKey } = useActionForm(submit, () => router.push(`/releases/${releaseId}`));
  const [category, setCategory] = useState<StepCategory>((value("category", initial?.category ?? "deploy") as StepCategory) || "deploy");
  const [type, setType] = useState<StepType>((value("type", initial?.type ?? "bash") as StepType) || "bash");
  const choices = siblings.filter((s) => s.category === category);

  return (
    <form key={formKey} action={formAction} className="max-w-3xl space-y-5" noValidate>
      {formLevelMessage(failure) ? (
        <Alert tone="error" title={failure?.code === "conflict" ? "Not saved" : undefined}>
          {failure?.message}
          {failure?.code === "conflict" ? (
            <>
              {" "}
              <button type="button" className="font-medium underline" onClick={() => window.location.reload()}>
                Reload
              </button>
            </>
          ) : null}
        </Alert>
      ) : null}
      {editing && impact ? (
        <Alert tone="info" title="This release is active">
          Saving updates <strong>{impact.untouched}</strong> pending {impact.untouched === 1 ? "copy" : "copies"} of this step; {" "}
          <strong>{impact.kept}</strong> {impact.kept === 1 ? "copy is" : "copies are"} kept as they are (done, skipped or overridden).
        </Alert>
      ) : null}
      <input type="hidden" name={editing ? "id" : "releaseId"} value={editing ? initial!.id : releaseId} />
      {editing ? <input type="hidden" name="version" value={initial!.version} /> : null}

      <Field id="name" label="Name" required error={errorFor("name")}>
        <Input name="name" defaultValue={value("name", initial?.name)} autoComplete="off" placeholder="Deploy via Jenkins" />
      </Field>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field id="category" label="Category" required error={errorFor("category")}>
          <Select name="category" value={category} onChange={(e) => setCategory(e.target.value as StepCategory)}>
            <option value="deploy">Deploy</option>
            <option value="verify">Verify</option>
          </Select>
        </Field>
        <Field id="type" label="Type" required error={errorFor("type")}>
          <Select name="type" value={type} onChange={(e) => setType(e.target.value as StepType)}>
            <option value="bash">Bash</option>
            <option value="sql">SQL</option>
            <option value="yaml">YAML</option>
            <option value="text">Text (instructions)</option>
          </Select>
        </Field>
        {!editing ? (
          <Field id="afterTemplateId" label="Position" error={errorFor("afterTemplateId")}>
            <Select name="afterTemplateId" defaultValue={value("afterTemplateId", "end")} key={category}>
              <option value="end">At the end</option>
              <option value="start">At the start</option>
              {choices.map((s) => (
                <option key={s.id} value={s.id}>
                  After “{s.name}”
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
      <Field
        id="content"
        label="Content"
        error={errorFor("content")}
        hint={
          <>
            The script, SQL, manifest or instructions. Indentation is kept. Variables are filled in per customer:{" "}
            <code className="font-mono">{"{{ namespace }}"}</code>, <code className="font-mono">{"{{ customer.name }}"}</code>,{" "}
            <code className="font-mono">{"{{ cluster.kubeconfig }}"}</code>, <code className="font-mono">{"{{ release.version }}"}</code> and any metadata key, e.g.{" "}
            <code className="font-mono">{"{{ customer.region }}"}</code>.
          </>
        }
      >
        <CodeEditor name="content" rows={12} language={type} defaultValue={value("content", initial?.content)} placeholder={placeholders[type]} />
      </Field>
      <Field id="description" label="Description" error={errorFor("description")} hint="Optional: why, when, what to watch for.">
        <Textarea name="description" rows={2} defaultValue={value("description", initial?.description)} />
      </Field>
      <ExecutionSelect id="execution" type={type} error={errorFor("execution")} defaultValue={value("execution", initial?.execution ?? "manual")} />
      <ReviewCheckbox id="needsReview" error={errorFor("needsReview")} defaultChecked={failure ? value("needsReview") === "on" : Boolean(initial?.needsReview)} />
      <div className="flex gap-2 border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save step" : "Add step"}
        </Button>
        <ButtonLink href={`/releases/${releaseId}`} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
