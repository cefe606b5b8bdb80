import type { Metadata } from "next";
import { AddUserDialog } from "@/components/users/add-user-dialog";
import { roleHelp } from "@/components/users/role-help";
import { UsersTable } from "@/components/users/users-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { roleLabels, roles } from "@/lib/auth/roles";
import { loadUsersPage } from "@/lib/domain/users/loaders";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { me, users } = await loadUsersPage();
  const active = users.filter((u) => u.isActive).length;
  return (
    <>
      <PageHeader
        title="Users"
        description={`${active} active ${active === 1 ? "account" : "accounts"}${users.length > active ? `, ${users.length - active} disabled` : ""}. Accounts are disabled, never deleted, so the audit trail keeps its names.`}
        actions={<AddUserDialog />}
      />
      <Card>
        <UsersTable users={users} me={me} />
      </Card>
      <dl className="mt-6 grid gap-3 text-sm sm:grid-cols-3">
        {[...roles].reverse().map((r) => (
          <div key={r} className="rounded-lg border border-zinc-200 px-4 py-3 dark:border-zinc-800">
            <dt className="font-medium text-zinc-900 dark:text-zinc-100">{roleLabels[r]}</dt>
            <dd className="mt-0.5 text-zinc-600 dark:text-zinc-400">{roleHelp[r]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
