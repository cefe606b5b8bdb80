import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ButtonLink } from "@/components/ui/button";
import { loadForbidden } from "@/lib/domain/session/loaders";

export const metadata: Metadata = { title: "No access" };
export const dynamic = "force-dynamic";

/** Where pages send a signed-in user whose role is not enough (requireUser). */
export default async function ForbiddenPage() {
  const user = await loadForbidden();
  return (
    <AuthCard
      title="You don't have permission to view this page"
      description={
        user ? (
          <>
            You are signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{user.name}</span> ({user.roleLabel}). Ask
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
