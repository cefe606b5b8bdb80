"use client";

import { useState } from "react";
import { CodeEditor } from "@/components/code/code-editor";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { ReviewCheckbox } from "@/components/steps/review-checkbox";
import { ExecutionSelect } from "@/components/steps/execution-select";
import { Input, Select } from "@/components/ui/input";
import { addCustomStepAction } from "@/lib/domain/steps/actions";
import { FormDialog, type DialogFormState } from "@/components/ui/form-dialog";
import type { StepCategory, StepType } from "@/lib/domain/vocabulary";

export type PositionOption = { id: number; name: string; number: number | null };

const optionName = (s: PositionOption) => (s.number ? `${s.number}. "${s.name}"` : `"${s.name}" (custom)`);

/**
 * "Add custom step" (sketch 5.8, FCS-003): name, category, type, content, where to insert it, and
 * "Add to template" (unchecked by default) to give it to every customer in the release instead.
 */
export function AddCustomStepDialog({
  releaseId,
  customerId,
  customerName,
  category,
  stepsByCategory,
}: {
  releaseId: number;
  customerId: number;
  customerName: string;
  category: StepCategory;
  stepsByCategory: Record<StepCategory, PositionOption[]>;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-2">
      <span aria-live="polite" className="text-xs text-emerald-700 dark:text-emerald-300">
        {notice}
      </span>
      <FormDialog
        wide
        trigger={
          <Button size="sm" variant="secondary">
            Add custom step
          </Button>
        }
        title={`Add custom step for ${customerName}`}
        action={addCustomStepAction}
        hidden={{ releaseId, customerId }}
        submitLabel="Add step"
        onNotice={setNotice}
        onDone={(d) => {
          setNotice(
            d.addedToTemplate
              ? `Added to the template: ${d.customerStepsCreated} customer${d.customerStepsCreated === 1 ? "" : "s"} got the step.`
              : "Custom step added.",
          );
        }}
      >
        {(f) => <Fields f={f} initialCategory={category} stepsByCategory={stepsByCategory} />}
      </FormDialog>
    </div>
  );
}

function Fields({
  f,
  initialCategory,
  stepsByCategory,
}: {
  f: DialogFormState;
  initialCategory: StepCategory;
  stepsByCategory: Record<StepCategory, PositionOption[]>;
}) {
  const [category, setCategory] = useState<StepCategory>((f.value("category", initialCategory) as StepCategory) || initialCategory);
  const [type, setType] = useState<StepType>((f.value("type", "bash") as StepType) || "bash");
  const steps = stepsByCategory[category];
  return (
    <>
      <Field id="custom-name" label="Step name" required error={f.errorFor("name")}>
        <Input name="name" defaultValue={f.value("name")} autoComplete="off" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="custom-category" label="Category" error={f.errorFor("category")}>
          <Select name="category" value={category} onChange={(e) => setCategory(e.target.value as StepCategory)}>
            <option value="deploy">Deploy</option>
            <option value="verify">Verify</option>
          </Select>
        </Field>
        <Field id="custom-type" label="Type" error={f.errorFor("type")}>
          <Select name="type" value={type} onChange={(e) => setType(e.target.value as StepType)}>
            <option value="bash">Bash</option>
            <option value="sql">SQL</option>
            <option value="yaml">YAML</option>
            <option value="text">Text</option>
          </Select>
        </Field>
      </div>
      <Field id="custom-content" label="Content" error={f.errorFor("content")}>
        <CodeEditor name="content" rows={8} language={type} defaultValue={f.value("content")} />
      </Field>
      <Field id="custom-description" label="Description" error={f.errorFor("description")}>
        <Input name="description" defaultValue={f.value("description")} />
      </Field>
      <ExecutionSelect id="custom-execution" type={type} error={f.errorFor("execution")} defaultValue={f.value("execution", "manual")} />
      <Field id="custom-position" label="Insert position" error={f.errorFor("position")}>
        <Select name="position" key={category} defaultValue={f.value("position", "end")}>
          <option value="end">At the end</option>
          {steps.flatMap((s) => [
            <option key={`b${s.id}`} value={`before:${s.id}`}>{`Before ${optionName(s)}`}</option>,
            <option key={`a${s.id}`} value={`after:${s.id}`}>{`After ${optionName(s)}`}</option>,
          ])}
        </Select>
      </Field>
      <ReviewCheckbox id="custom-needs-review" custom error={f.errorFor("needsReview")} defaultChecked={f.value("needsReview") === "on"} />
      <CheckboxField
        id="custom-add-to-template"
        name="addToTemplate"
        label="Add to template"
        error={f.errorFor("addToTemplate")}
        defaultChecked={f.value("addToTemplate") === "on"}
        hint="Apply to all customers: the step joins the release's template and every customer in it gets it now."
      />
    </>
  );
}
