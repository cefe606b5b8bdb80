import { CheckboxField } from "@/components/ui/checkbox-field";

/** "Needs review (four eyes)", the same words wherever a step's content is written. */
export function ReviewCheckbox({ id, error, defaultChecked, custom }: { id: string; error?: string[]; defaultChecked: boolean; custom?: boolean }) {
  return (
    <CheckboxField
      id={id}
      name="needsReview"
      label="Needs review (four eyes)"
      error={error}
      defaultChecked={defaultChecked}
      hint={
        custom
          ? "Before it is marked done, someone other than its author reviews it as it will run."
          : "Before a customer's copy can be marked done, someone other than its author reviews it as it will run for that customer."
      }
    />
  );
}
