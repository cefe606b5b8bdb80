"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { breakGlassAction, promoteStageAction, signOffAction, withdrawSignOffAction } from "@/lib/domain/stages/actions";

type StageRef = { releaseId: number; stageId: number; stageName: string };

/** A member signs off entering a stage for one group, with an optional comment. */
export function SignOffDialog({ releaseId, stageId, stageName, group }: StageRef & { group: { id: number; name: string } }) {
  const toast = useToast();
  return (
    <FormDialog
      trigger={<Button size="sm">Sign off as {group.name}</Button>}
      title={`Sign off ${stageName} for ${group.name}`}
      description={`Your sign-off is recorded with your name and the time, and shown on the release and in its audit trail. You can withdraw it until ${stageName} opens.`}
      action={signOffAction}
      hidden={{ releaseId, stageId, groupId: group.id }}
      submitLabel="Sign off"
      pendingLabel="Signing off…"
      onDone={() => toast(`Signed off ${stageName} for ${group.name}`)}
    >
      {({ errorFor }) => (
        <Field id={`sign-off-comment-${stageId}-${group.id}`} label="Comment (optional)" error={errorFor("comment")} hint="e.g. the test run or ticket this rests on.">
          <Textarea name="comment" rows={3} />
        </Field>
      )}
    </FormDialog>
  );
}

export function WithdrawSignOffButton({ releaseId, signOffId, stageName, groupName }: { releaseId: number; signOffId: number; stageName: string; groupName: string }) {
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost">
          Withdraw
        </Button>
      }
      title={`Withdraw your ${groupName} sign-off?`}
      confirmLabel="Withdraw sign-off"
      pendingLabel="Withdrawing…"
      onConfirm={() => withdrawSignOffAction({ releaseId, signOffId })}
      onDone={() => toast(`${groupName} sign-off for ${stageName} withdrawn`)}
    >
      <p>{stageName} will wait for a {groupName} sign-off again. The withdrawal is kept in the audit trail.</p>
    </ConfirmDialog>
  );
}

/** "Promote to production": explicit and audited; offered only when the gate holds (stage-pipeline.tsx). */
export function PromoteDialog({ releaseId, stageId, stageName, signers }: StageRef & { signers: string[] }) {
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={<Button size="sm">Promote to {stageName}</Button>}
      title={`Promote to ${stageName}?`}
      confirmLabel={`Promote to ${stageName}`}
      pendingLabel="Promoting…"
      tone="primary"
      onConfirm={() => promoteStageAction({ releaseId, stageId })}
      onDone={() => toast(`${stageName} is open: its customers' steps can be worked now`)}
    >
      <p>
        {stageName}’s customers’ steps can be marked done, skipped or reverted from now on. The promotion is recorded with your name
        {signers.length ? ` and the sign-offs of ${signers.join(", ")}` : ""}.
      </p>
    </ConfirmDialog>
  );
}

/** An admin opens the next stage before its gate is met, with a mandatory reason shown on the release. */
export function BreakGlassDialog({ releaseId, stageId, stageName, reason }: StageRef & { reason: string | null }) {
  const toast = useToast();
  return (
    <FormDialog
      trigger={
        <Button size="sm" variant="danger">
          Break glass…
        </Button>
      }
      title={`Open ${stageName} early?`}
      description={`Break glass opens ${stageName} now, whatever holds it back${reason ? ` (${reason.replace(/\.$/, "")})` : ""}. Your reason is shown on the release and kept in the audit log.`}
      action={breakGlassAction}
      hidden={{ releaseId, stageId }}
      submitLabel={`Open ${stageName} now`}
      submitTone="danger"
      pendingLabel="Opening…"
      onDone={() => toast(`${stageName} opened early (break glass)`)}
    >
      {({ errorFor }) => (
        <Field id={`break-glass-${stageId}`} label="Reason" required error={errorFor("reason")} hint="e.g. the incident this fixes, and who agreed.">
          <Input name="reason" autoComplete="off" />
        </Field>
      )}
    </FormDialog>
  );
}
