import { PencilIcon } from "@/components/clusters/icons";
import { Button } from "@/components/ui/button";
import type { ClusterOption } from "@/lib/domain/clusters/types";
import type { CustomerSummary } from "@/lib/domain/customers/types";
import { ArchiveCustomerDialog, RestoreCustomerDialog } from "./archive-dialogs";
import { CustomerFormDialog } from "./customer-form-dialog";

/** Edit and archive (or restore) buttons for one customer; only rendered for release managers and admins. */
export function CustomerActions({
  customer,
  clusters,
  size = "sm",
}: {
  customer: CustomerSummary;
  clusters: ClusterOption[];
  size?: "sm" | "md";
}) {
  const variant = size === "sm" ? "ghost" : "secondary";
  return (
    <div className={size === "sm" ? "flex shrink-0 items-center gap-1" : "flex shrink-0 items-center gap-2"}>
      <CustomerFormDialog
        customer={customer}
        clusters={clusters}
        trigger={
          <Button variant={variant} size={size} aria-label={`Edit ${customer.name}`}>
            <PencilIcon /> Edit
          </Button>
        }
      />
      {customer.isActive ? (
        <ArchiveCustomerDialog
          customer={customer}
          trigger={
            <Button variant={variant} size={size} aria-label={`Archive ${customer.name}`}>
              Archive
            </Button>
          }
        />
      ) : (
        <RestoreCustomerDialog
          customer={customer}
          trigger={
            <Button variant={variant} size={size} aria-label={`Restore ${customer.name}`}>
              Restore
            </Button>
          }
        />
      )}
    </div>
  );
}
