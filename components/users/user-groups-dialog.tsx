"use client";

import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { useToast } from "@/components/ui/toast";
import { setUserGroupsAction } from "@/lib/domain/tracks/actions";

/** The approver groups one user belongs to, as checkboxes: membership is what lets them sign off. */
export function UserGroupsDialog({ user, groups }: { user: { id: number; name: string; groupIds: number[] }; groups: Array<{ id: number; name: string }> }) {
  const toast = useToast();
  return (
    <FormDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Approver groups of ${user.name}`}>
          Edit
        </Button>
      }
      title={`Approver groups of ${user.name}`}
      description="Members sign off stages for their group, whatever their role. Changes are audited."
      action={setUserGroupsAction}
      hidden={{ userId: user.id }}
      submitLabel="Save groups"
      onDone={() => toast(`Approver groups of ${user.name} saved`)}
    >
      {() => (
        <fieldset className="space-y-2">
          <legend className="sr-only">Groups</legend>
          {groups.map((g) => (
            <label key={g.id} className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
              <input type="checkbox" name="groupIds[]" value={g.id} defaultChecked={user.groupIds.includes(g.id)} className="size-4 accent-brand-600" />
              {g.name}
            </label>
          ))}
          {/* An empty list when nothing is ticked: the user leaves every group. */}
          <input type="hidden" name="groupIds[]" value="" />
        </fieldset>
      )}
    </FormDialog>
  );
}
