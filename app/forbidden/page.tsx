import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ButtonLink } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/current-user";
import { roleLabels } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "No access" };
export const dynamic = "force-dynamic";

/** Where pages send a signed-in user whose role is not enough (requireUser). */
export default async function ForbiddenPage() {
  const user = await getCurrentUser();
  return (
    <AuthCard
      title="You don't have permission to view this page"
      description={
        user ? (
          <>
            You are signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{user.name}</span> ({roleLabels[user.role]}). Ask
            an admin if you need more access.
          </>
        ) : (
          "Sign in with an account that has access."
        )
      }
    >
      <ButtonLink href={user ? "/" : "/sign-in"} className="w-full">
        {user ? "Back to the dashboard" : "Sign in"}
      </ButtonLink>
    </AuthCard>
  );
}
