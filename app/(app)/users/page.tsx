import type { Metadata } from "next";
import { AddUserDialog } from "@/components/users/add-user-dialog";
import { ApproverGroupsCard } from "@/components/users/approver-groups-card";
import { RoleGuide } from "@/components/users/role-guide";
import { UsersTable } from "@/components/users/users-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AdminTabs } from "@/components/shell/admin-tabs";
import { loadUsersPage } from "@/lib/domain/users/loaders";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { me, users, groups } = await loadUsersPage();
  const active = users.filter((u) => u.isActive).length;
  return (
    <>
      <AdminTabs />
      <PageHeader
        title="Users"
        description={`${active} active ${active === 1 ? "account" : "accounts"}${users.length > active ? `, ${users.length - active} disabled` : ""}. Accounts are disabled, never deleted, so the audit trail keeps its names.`}
        actions={<AddUserDialog />}
      />
      <Card>
        <UsersTable users={users} me={me} groups={groups} />
      </Card>
      <div className="mt-6">
        <ApproverGroupsCard groups={groups} />
      </div>
      <RoleGuide />
    </>
  );
}
