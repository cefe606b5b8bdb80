import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { StepExecution, StepType } from "@/lib/domain/vocabulary";

const hints: Record<StepExecution, string> = {
  manual: "A person runs it and marks it done.",
  agent: "An agent runs it unattended, so it needs a review by someone other than its author first (unless the release's track waives it).",
  manifest: "Each customer's rendered YAML is published to the manifest repository; a merge approved by someone other than the publisher marks it done, and GitOps (Argo CD, Flux) applies it.",
};

/**
 * How a step is carried out: by a person, by an agent next to the customer's cluster (bash, SQL
 * and YAML), or — a YAML step — by publishing to the manifest repository. Part of the content, as
 * its text is: a change is reviewed and kept in history.
 */
export function ExecutionSelect({ id, type, error, defaultValue }: { id: string; type: StepType; error?: string[]; defaultValue: string }) {
  const text = type === "text";
  const yaml = type === "yaml";
  const chosen = (text ? "manual" : (defaultValue as StepExecution) || "manual") as StepExecution;
  const value = chosen === "manifest" && !yaml ? "manual" : chosen;
  return (
    <Field id={id} label="How it runs" error={error} hint={text ? "A text step is instructions for a person: always by hand." : yaml ? hints.manifest : hints.agent}>
      <Select name="execution" defaultValue={value} disabled={text} key={`${type}`}>
        <option value="manual">By hand (a person runs it and marks it done)</option>
        <option value="agent">By an agent (output becomes the evidence)</option>
        {yaml ? <option value="manifest">Publish to the manifest repository (GitOps applies the reviewed merge)</option> : null}
      </Select>
    </Field>
  );
}
