"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { runAcrossAction } from "@/lib/domain/runs/actions";
import type { StartedRun } from "@/lib/domain/runs/types";

/**
 * Run a template step across its customers on agents: a window (at most N at a time, and per
 * cluster) and a failure budget (pause after K failures, or x % of the run's steps) — the run
 * pauses itself and says why, and a person decides. Opens the run's page when it starts.
 */
export function RunAcrossDialog({ releaseId, templateId, stepName, clusters, openCount }: { releaseId: number; templateId: number; stepName: string; clusters: Array<{ id: number; name: string }>; openCount: number }) {
  const router = useRouter();
  return (
    <FormDialog<StartedRun>
      wide
      title={`Run "${stepName}" across customers on agents`}
      description={`${openCount} ${openCount === 1 ? "customer's copy is" : "customers' copies are"} still to do. Steps that cannot run now (a stage not open, a review missing, already done) are left as they are and counted.`}
      action={runAcrossAction}
      hidden={{ releaseId, templateId }}
      submitLabel="Start the run"
      pendingLabel="Starting…"
      trigger={
        <Button size="sm" variant="primary" className="mt-3">
          Run on agents…
        </Button>
      }
      onDone={(d) => router.push(`/releases/${releaseId}/runs/${d.runId}`)}
    >
      {(f) => (
        <>
          <Field id="run-cluster" label="Customers" error={f.errorFor("clusterId")}>
            <Select name="clusterId" defaultValue={f.value("clusterId", "all")}>
              <option value="all">Every cluster</option>
              {clusters.map((k) => (
                <option key={k.id} value={k.id}>
                  Only {k.name}
                </option>
              ))}
            </Select>
          </Field>
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-semibold text-zinc-800 dark:text-zinc-200">Window</legend>
            <Field id="run-parallel" label="At a time" hint="Steps running at once, overall." error={f.errorFor("maxParallel")}>
              <Input name="maxParallel" type="number" min={1} max={200} defaultValue={f.value("maxParallel", "5")} />
            </Field>
            <Field id="run-per-cluster" label="Per cluster" hint="At most this many on one cluster." error={f.errorFor("maxParallelPerCluster")}>
              <Input name="maxParallelPerCluster" type="number" min={1} max={200} defaultValue={f.value("maxParallelPerCluster", "5")} />
            </Field>
          </fieldset>
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-semibold text-zinc-800 dark:text-zinc-200">Failure budget: pause the run after</legend>
            <Field id="run-budget" label="Failures" hint="Failed or outcome unknown. Blank: no limit." error={f.errorFor("failureBudget")}>
              <Input name="failureBudget" type="number" min={1} defaultValue={f.value("failureBudget", "1")} />
            </Field>
            <Field id="run-budget-percent" label="Or % of the run's steps" hint="Blank: no limit." error={f.errorFor("failureBudgetPercent")}>
              <Input name="failureBudgetPercent" type="number" min={1} max={100} defaultValue={f.value("failureBudgetPercent")} />
            </Field>
          </fieldset>
          <Field id="run-timeout" label="Timeout per step (minutes)" hint="The agent stops a step that runs longer (SIGTERM, then SIGKILL); it counts as failed." error={f.errorFor("timeoutMinutes")}>
            <Input name="timeoutMinutes" type="number" min={1} max={1440} defaultValue={f.value("timeoutMinutes", "10")} className="w-28" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
