import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ClusterNotFound() {
  return (
    <EmptyState title="Cluster not found" action={<ButtonLink href="/clusters" variant="secondary">All clusters</ButtonLink>}>
      It may have been deleted, or the link is wrong.
    </EmptyState>
  );
}
