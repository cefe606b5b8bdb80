import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { loadSignIn } from "@/lib/domain/session/loaders";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** next-auth sends refused single sign-ons back here with ?error=… (and our own ?reason=…). */
function ssoError(error: string | undefined, reason: string | undefined): string | null {
  if (!error) return null;
  if (error === "AccessDenied") {
    if (reason === "disabled") return "Your account is disabled. Ask an admin to enable it.";
    if (reason === "unverified") return "Your identity provider has not verified your email address.";
    if (reason === "no_email") return "Your identity provider did not share an email address.";
    return "You are not allowed to sign in.";
  }
  if (error === "SessionRequired") return "Please sign in to continue.";
  if (error.startsWith("OAuth") || error === "Callback") return "Single sign-on did not complete. Try again, or sign in with your password.";
  return "Sign-in did not complete. Try again.";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const search = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const state = await loadSignIn(one(search.callbackUrl));
  if (state.kind === "redirect") redirect(state.to);
  const message = ssoError(one(search.error), one(search.reason));
  return (
    <AuthCard title="Sign in" description="Track every step of every rollout.">
      {message ? (
        <div className="mb-4">
          <Alert tone="error">{message}</Alert>
        </div>
      ) : null}
      <SignInForm callbackUrl={state.callbackUrl} sso={state.sso ?? undefined} />
    </AuthCard>
  );
}
