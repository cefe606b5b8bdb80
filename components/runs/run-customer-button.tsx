"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { runCustomerAction } from "@/lib/domain/runs/actions";
import type { CustomerRunPlan } from "@/lib/domain/runs/model/customer-plan";
import type { StartedRun } from "@/lib/domain/runs/types";

/** "Run these steps on agents": a customer's agent steps in order, one at a time, stopping at the first failure. */
export function RunCustomerButton({ releaseId, customerId, customerName, plan }: { releaseId: number; customerId: number; customerName: string; plan: CustomerRunPlan }) {
  const router = useRouter();
  if (plan.steps.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-3 rounded-lg border border-dashed border-zinc-300 px-4 py-2.5 text-sm text-zinc-700 dark:border-zinc-700 dark:text-zinc-300" data-testid="customer-run">
      <span>
        {plan.steps.length === 1 ? `"${plan.steps[0]}" can run on an agent` : `${plan.steps.length} steps can run on an agent, in order`}
        {plan.stopsBefore ? `, up to "${plan.stopsBefore}"` : ""}.
      </span>
      <FormDialog<StartedRun>
        title={`Run ${customerName}'s steps on an agent?`}
        description={`${plan.steps.length} ${plan.steps.length === 1 ? "step runs" : "steps run"} in order, one at a time, and the run stops at the first that does not end done.${plan.stopsBefore ? ` It stops before "${plan.stopsBefore}", which a person carries out.` : ""}`}
        action={runCustomerAction}
        hidden={{ releaseId, customerId }}
        submitLabel={`Run ${plan.steps.length} ${plan.steps.length === 1 ? "step" : "steps"}`}
        pendingLabel="Starting…"
        trigger={
          <Button size="sm" variant="secondary">
            Run {plan.steps.length === 1 ? "it" : `these ${plan.steps.length}`} on an agent…
          </Button>
        }
        onDone={(d) => router.push(`/releases/${releaseId}/runs/${d.runId}`)}
      >
        {(f) => (
          <>
            <ol className="list-decimal space-y-0.5 pl-5 text-sm text-zinc-800 dark:text-zinc-200">
              {plan.steps.map((s, i) => (
                <li key={`${i}-${s}`}>{s}</li>
              ))}
            </ol>
            <Field id={`customer-run-timeout-${customerId}`} label="Timeout per step (minutes)" error={f.errorFor("timeoutMinutes")}>
              <Input name="timeoutMinutes" type="number" min={1} max={1440} defaultValue={f.value("timeoutMinutes", "10")} className="w-28" />
            </Field>
          </>
        )}
      </FormDialog>
    </div>
  );
}
