import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** Any page of the app whose release, step or record does not exist (or the link is wrong). */
export default function NotFound() {
  return (
    <EmptyState title="Page not found" action={<ButtonLink href="/" variant="secondary">Go to the dashboard</ButtonLink>}>
      The release, step or record may have been deleted, or the link is wrong.
    </EmptyState>
  );
}
