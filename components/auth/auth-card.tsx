import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";

/** The centred card the signed-out pages (sign-in, setup, forbidden) share. */
export function AuthCard({ title, description, children, wide }: { title: string; description?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className={wide ? "w-full max-w-md" : "w-full max-w-sm"}>
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="mb-1 text-lg font-semibold text-zinc-900 dark:text-zinc-50">{title}</h1>
          {description ? <div className="mb-5 text-sm text-zinc-600 dark:text-zinc-400">{description}</div> : null}
          {children}
        </div>
      </div>
    </main>
  );
}
