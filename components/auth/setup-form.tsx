"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionFailure } from "@/lib/domain/action-result";
import { completeSetupAction } from "@/lib/domain/users/setup-actions";

/** Creates the first admin, then signs them straight in with what they just typed. */
export function SetupForm() {
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [stage, setStage] = useState<"idle" | "creating" | "signing-in">("idle");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStage("creating");
    setFailure(null);
    const result = await completeSetupAction(form);
    if (!result.ok) {
      setFailure(result);
      setStage("idle");
      return;
    }
    setStage("signing-in");
    const signedIn = await signIn("credentials", { email: result.data.email, password: String(form.get("password") ?? ""), redirect: false });
    router.replace(signedIn?.ok ? "/" : "/sign-in");
    router.refresh();
  }

  const errorFor = (name: string) => failure?.fieldErrors?.[name];
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="space-y-4" noValidate>
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.message}</Alert> : null}
      <Field id="name" label="Your name" error={errorFor("name")}>
        <Input name="name" autoComplete="name" required autoFocus />
      </Field>
      <Field id="email" label="Email" error={errorFor("email")}>
        <Input name="email" type="email" autoComplete="username" required />
      </Field>
      <Field id="password" label="Password" hint="At least 12 characters." error={errorFor("password")}>
        <Input name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field id="confirmPassword" label="Confirm password" error={errorFor("confirmPassword")}>
        <Input name="confirmPassword" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" className="w-full" disabled={stage !== "idle"}>
        {stage === "creating" ? "Creating account…" : stage === "signing-in" ? "Signing in…" : "Create admin account"}
      </Button>
    </form>
  );
}
