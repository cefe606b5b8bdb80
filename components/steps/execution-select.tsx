import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { StepExecution, StepType } from "@/lib/domain/vocabulary";

/**
 * How a step is carried out: by a person, or by an agent next to the customer's cluster (bash,
 * SQL and YAML). Part of the content, as its text is: a change is reviewed and kept in history.
 */
export function ExecutionSelect({ id, type, error, defaultValue }: { id: string; type: StepType; error?: string[]; defaultValue: string }) {
  const text = type === "text";
  return (
    <Field
      id={id}
      label="How it runs"
      error={error}
      hint={
        text
          ? "A text step is instructions for a person: always by hand."
          : "An agent runs it unattended, so it needs a review by someone other than its author first (unless the release's track waives it)."
      }
    >
      <Select name="execution" defaultValue={text ? "manual" : (defaultValue as StepExecution) || "manual"} disabled={text} key={text ? "text" : "code"}>
        <option value="manual">By hand (a person runs it and marks it done)</option>
        <option value="agent">By an agent (output becomes the evidence)</option>
      </Select>
    </Field>
  );
}
