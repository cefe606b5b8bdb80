import type { StepView } from "@/lib/domain/steps/types";

export type CustomerRunPlan = {
  /** The agent steps a customer run would take, in order. */
  steps: string[];
  /** The open manual step it stops before (a person does it first), if any. */
  stopsBefore: string | null;
};

const open = (v: Pick<StepView, "step">) => v.step.status === "pending" || v.step.status === "reverted";

/**
 * What "Run this customer's steps" would take, by the rule startCustomerRun applies: its open
 * agent steps, deploy then verify, up to the first open step a person carries out.
 */
export function customerRunPlan(deploy: Array<Pick<StepView, "step">>, verify: Array<Pick<StepView, "step">>): CustomerRunPlan {
  const steps: string[] = [];
  for (const v of [...deploy, ...verify]) {
    if (!open(v)) continue;
    if (v.step.execution !== "agent") return { steps, stopsBefore: v.step.name };
    steps.push(v.step.name);
  }
  return { steps, stopsBefore: null };
}
