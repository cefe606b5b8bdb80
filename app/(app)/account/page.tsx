import type { Metadata } from "next";
import { SessionsCard } from "@/components/account/sessions-card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RoleLabel } from "@/components/users/role-guide";
import { loadAccountPage } from "@/lib/domain/users/loaders";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const { account, sessions } = await loadAccountPage();
  if (!account) return null;
  return (
    <>
      <PageHeader title="Your account" description="Your name, role, password and where you are signed in." />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Card>
          <CardHeader title="Profile" description="An admin changes names and roles on the Users page." />
          <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {[
              ["Name", account.name],
              ["Email", account.email],
              ["Role", <Badge key="role" tone={account.role === "viewer" ? "neutral" : "brand"}><RoleLabel role={account.role} /></Badge>],
              ["Member since", <Time key="since" value={account.createdAt} />],
            ].map(([label, value]) => (
              <div key={String(label)} className="flex items-center justify-between gap-4 px-5 py-3">
                <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
                <dd className="text-right font-medium text-zinc-900 dark:text-zinc-100">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardHeader title="Password" description="You need your current password to set a new one." />
          <div className="px-5 py-4">
            {account.hasPassword ? (
              <ChangePasswordForm />
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">You sign in with single sign-on, so there is no password to change here.</p>
            )}
          </div>
        </Card>
        <div className="lg:col-span-2">
          <SessionsCard sessions={sessions} />
        </div>
      </div>
    </>
  );
}
