import { Badge, StatusDot } from "@/components/ui/badge";
import { roleLabels } from "@/lib/auth/roles";
import type { UserRow } from "@/lib/domain/users/types";
import { ActiveToggle } from "./active-toggle";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { RoleSelect } from "./role-select";
import { UserGroupsDialog } from "./user-groups-dialog";
import type { ApproverGroup } from "@/lib/domain/tracks/types";
import { Time } from "@/components/ui/time";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";

/** Every account; an admin's own row has no controls (no self-demotion or self-disabling). */
export function UsersTable({ users, me, groups }: { users: UserRow[]; me: { id: number }; groups: ApproverGroup[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Name</th>
            <th scope="col" className={th}>Role</th>
            <th scope="col" className={th}>Approver groups</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Last sign-in</th>
            <th scope="col" className={`${th} text-right`}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {users.map((u) => {
            const self = u.id === me.id;
            return (
              <tr key={u.id} className={u.isActive ? undefined : "bg-zinc-50/60 dark:bg-zinc-950/40"}>
                <td className="px-4 py-3">
                  <div className="flex items-center gap-2">
                    <span className={u.isActive ? "font-medium text-zinc-900 dark:text-zinc-100" : "font-medium text-zinc-500 dark:text-zinc-400"}>{u.name}</span>
                    {self ? <Badge tone="brand">You</Badge> : null}
                    {!u.hasPassword ? <Badge tone="violet">SSO</Badge> : null}
                  </div>
                  <div className="text-xs text-zinc-500 dark:text-zinc-400">{u.email}</div>
                </td>
                <td className="px-4 py-3">
                  {self ? (
                    <span className="text-zinc-700 dark:text-zinc-300">{roleLabels[u.role]}</span>
                  ) : (
                    <RoleSelect userId={u.id} userName={u.name} role={u.role} />
                  )}
                </td>
                <td className="px-4 py-3">
                  <div className="flex flex-wrap items-center gap-1">
                    {groups.filter((g) => g.memberIds.includes(u.id)).map((g) => (
                      <Badge key={g.id} tone="blue">
                        {g.name}
                      </Badge>
                    ))}
                    {groups.length ? <UserGroupsDialog user={{ id: u.id, name: u.name, groupIds: groups.filter((g) => g.memberIds.includes(u.id)).map((g) => g.id) }} groups={groups} /> : null}
                  </div>
                </td>
                <td className="px-4 py-3">
                  <StatusDot active={u.isActive} label={u.isActive ? "Active" : "Disabled"} />
                </td>
                <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400">
                  {u.lastSignInAt ? <Time value={u.lastSignInAt} /> : <span className="text-zinc-500 dark:text-zinc-400">Never</span>}
                </td>
                <td className="px-4 py-3 text-right">
                  {self ? null : (
                    <div className="flex items-center justify-end gap-1">
                      {u.hasPassword && u.isActive ? <ResetPasswordDialog userId={u.id} userName={u.name} /> : null}
                      <ActiveToggle userId={u.id} userName={u.name} active={u.isActive} />
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
