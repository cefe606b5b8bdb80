import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { loadSetup } from "@/lib/domain/session/loaders";

export const metadata: Metadata = { title: "Set up Runsheet" };
export const dynamic = "force-dynamic";

/** One-time first run: exists only while the database has no user. */
export default async function SetupPage() {
  if (!(await loadSetup()).open) redirect("/sign-in");
  return (
    <AuthCard
      wide
      title="Welcome to Runsheet"
      description="Create the first admin account. You can invite your team from the Users page afterwards."
    >
      <SetupForm />
    </AuthCard>
  );
}
