"use client";

import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The app's answer to an unexpected server error while rendering a page: a calm message inside
 * the app shell, never a stack trace. The digest matches the server's log line for the error.
 */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      title="This page could not be shown"
      action={
        <div className="flex gap-2">
          <Button type="button" onClick={reset}>
            Try again
          </Button>
          <ButtonLink href="/" variant="secondary">
            Go to the dashboard
          </ButtonLink>
        </div>
      }
    >
      Something went wrong on the server; nothing was changed.{error.digest ? ` Reference: ${error.digest}.` : ""}
    </EmptyState>
  );
}
