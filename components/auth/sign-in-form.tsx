"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { signInErrorText } from "@/lib/auth/sign-in-errors";

/**
 * Email and password sign-in. The form posts (never GET): submitted before its JavaScript runs,
 * the password still stays out of the URL, the history and the server's logs. Errors shown are
 * only the form's own words for the codes sign-in returns (sign-in-errors.ts).
 */
export function SignInForm({ callbackUrl, sso }: { callbackUrl: string; sso?: { id: string; name: string } }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const next = safeRedirectPath(callbackUrl);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    let result: Awaited<ReturnType<typeof signIn>> | undefined;
    try {
      result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
    } catch {
      result = { error: "unavailable", status: 0, ok: false, url: null, code: undefined } as never;
    }
    setPending(false);
    if (!result || result.error || !result.ok) {
      setError(signInErrorText(result?.error));
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <div className="space-y-5">
      <form method="post" onSubmit={(e) => void onSubmit(e)} className="space-y-4" noValidate>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Field id="email" label="Email">
          <Input name="email" type="email" autoComplete="username" required autoFocus />
        </Field>
        <Field id="password" label="Password">
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" /> or <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => void signIn(sso.id, { callbackUrl: next })}>
            Continue with {sso.name}
          </Button>
        </>
      ) : null}
    </div>
  );
}
