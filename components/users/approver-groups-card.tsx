"use client";

import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { createApproverGroupAction, deleteApproverGroupAction } from "@/lib/domain/tracks/actions";
import type { ApproverGroup } from "@/lib/domain/tracks/types";

/** Approver groups (QA, Product, Security, Incident commander…) and who is in each. */
export function ApproverGroupsCard({ groups }: { groups: ApproverGroup[] }) {
  const toast = useToast();
  return (
    <Card aria-labelledby="approver-groups-title">
      <CardHeader
        title={<span id="approver-groups-title">Approver groups</span>}
        description="Release tracks ask these groups to sign off before a stage opens. Set each person's groups in the table above."
        actions={
          <FormDialog
            trigger={<Button size="sm">+ Group</Button>}
            title="New approver group"
            action={createApproverGroupAction}
            submitLabel="Create group"
            onDone={() => toast("Approver group created")}
          >
            {({ errorFor, value }) => (
              <Field id="group-name" label="Name" required error={errorFor("name")} hint="e.g. QA, Product, Security, Incident commander.">
                <Input name="name" defaultValue={value("name")} autoComplete="off" />
              </Field>
            )}
          </FormDialog>
        }
      />
      {groups.length === 0 ? (
        <p className="px-5 py-6 text-sm text-zinc-600 dark:text-zinc-400">No approver groups yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {groups.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
              <span>
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{g.name}</span>
                <span className="ml-2 text-zinc-600 dark:text-zinc-400">{g.memberNames.length ? g.memberNames.join(", ") : "no members yet"}</span>
              </span>
              <ConfirmDialog
                trigger={
                  <Button size="sm" variant="ghost" aria-label={`Delete ${g.name}`}>
                    Delete
                  </Button>
                }
                title={`Delete ${g.name}?`}
                confirmLabel="Delete group"
                onConfirm={() => deleteApproverGroupAction({ id: g.id })}
                onDone={() => toast(`${g.name} deleted`)}
              >
                <p>Its members lose nothing else. A group that a track or a waiting stage asks for, or that has sign-offs on record, cannot be deleted.</p>
              </ConfirmDialog>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
