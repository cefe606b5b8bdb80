"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { cancelRunAction, runStepAction } from "@/lib/domain/runs/actions";
import type { StartedRun } from "@/lib/domain/runs/types";

/**
 * "Run on agent" (or "Retry" after a failure or an unknown outcome): hands this one step to an
 * agent of its customer's cluster. The dialog shows exactly the text that will run — the agent
 * runs what the panel shows, fixed when it claims it.
 */
export function RunStepButton({
  step,
  customerName,
  runText,
  retry,
  onStarted,
}: {
  step: { id: number; version: number; name: string };
  customerName: string;
  runText: string;
  retry: boolean;
  onStarted?: () => void;
}) {
  const router = useRouter();
  const toast = useToast();
  return (
    <FormDialog<StartedRun>
      wide
      title={`${retry ? "Retry" : "Run"} "${step.name}" for ${customerName} on an agent?`}
      description="An agent next to the customer's cluster runs exactly this text, once. Its output, exit code and duration become the step's evidence; a failure leaves the step open for you to decide."
      action={runStepAction}
      hidden={{ stepId: step.id, version: step.version }}
      submitLabel={retry ? "Retry on agent" : "Run on agent"}
      pendingLabel="Queuing…"
      trigger={
        <Button size="sm" variant="primary">
          {retry ? "Retry on agent" : "Run on agent"}
        </Button>
      }
      onDone={(d) => {
        toast(`Queued as run #${d.runId}: an agent of the cluster takes it within seconds`);
        if (onStarted) onStarted();
        else router.refresh();
      }}
    >
      {(f) => (
        <>
          <pre className="max-h-56 overflow-auto rounded-md bg-zinc-950 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-zinc-100" aria-label="What runs">
            {runText}
          </pre>
          <Field id={`timeout-${step.id}`} label="Timeout (minutes)" hint="The agent stops it after this (SIGTERM, then SIGKILL) and it counts as failed." error={f.errorFor("timeoutMinutes")}>
            <Input name="timeoutMinutes" type="number" min={1} max={1440} defaultValue={f.value("timeoutMinutes", "10")} className="w-28" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}

/** Cancel the run a step is queued or running in: queued steps are cancelled, running ones told to stop. */
export function CancelRunButton({ runId, onDone }: { runId: number; onDone?: () => void }) {
  const router = useRouter();
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="secondary">
          Cancel run
        </Button>
      }
      title={`Cancel run #${runId}?`}
      description="Its queued steps are cancelled now. A step that is running is told to stop (SIGTERM, then SIGKILL after a grace) and counts as failed; whatever it changed stays changed."
      confirmLabel="Cancel run"
      pendingLabel="Cancelling…"
      onConfirm={() => cancelRunAction({ runId })}
      onDone={(d) => {
        toast(`Run #${runId} cancelled: ${d.cancelled} queued ${d.cancelled === 1 ? "step" : "steps"} cancelled, ${d.stopping} asked to stop`);
        if (onDone) onDone();
        else router.refresh();
      }}
    />
  );
}
