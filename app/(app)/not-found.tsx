import { ButtonLink } from "@/components/ui/button";

/** Any page of the app whose release, step or record does not exist (or the link is wrong). */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-brand-700 dark:text-brand-300">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Page not found</h1>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">The release, step or record may have been deleted, or the link is wrong.</p>
      <div className="mt-6 flex justify-center gap-3">
        <ButtonLink href="/">Go to the dashboard</ButtonLink>
        <ButtonLink href="/releases" variant="secondary">
          Releases
        </ButtonLink>
      </div>
    </div>
  );
}
