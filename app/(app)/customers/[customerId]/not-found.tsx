import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function CustomerNotFound() {
  return (
    <EmptyState title="Customer not found" action={<ButtonLink href="/customers" variant="secondary">All customers</ButtonLink>}>
      The link may be wrong. Archived customers are still found from the customer list with “Show archived”.
    </EmptyState>
  );
}
