"use client";

import type { ReactElement } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { archiveCustomer, restoreCustomer } from "@/lib/domain/customers/actions";

type Target = { id: number; name: string; namespace: string; cluster: { name: string } };

/** FM-003: archive (soft delete) after a confirmation. */
export function ArchiveCustomerDialog({ customer, trigger }: { customer: Target; trigger: ReactElement }) {
  return (
    <ConfirmDialog
      trigger={trigger}
      title={`Archive ${customer.name}?`}
      confirmLabel="Archive customer"
      pendingLabel="Archiving…"
      onConfirm={() => archiveCustomer({ id: customer.id })}
    >
      <p>
        {customer.name} ({customer.cluster.name} / <code className="font-mono text-xs">{customer.namespace}</code>) leaves
        the customer lists and the releases under way: its open steps stop counting toward their progress, so they can
        complete without it, and it gets no steps from releases activated from now on. Its done steps, history and audit
        trail are kept; restoring it brings its open steps back.
      </p>
      <p>Its namespace becomes free for another customer on {customer.cluster.name}.</p>
    </ConfirmDialog>
  );
}

/** Re-activation: the uniqueness rules apply again, and the customer joins active releases. */
export function RestoreCustomerDialog({ customer, trigger }: { customer: Target; trigger: ReactElement }) {
  return (
    <ConfirmDialog
      trigger={trigger}
      title={`Restore ${customer.name}?`}
      tone="primary"
      confirmLabel="Restore customer"
      pendingLabel="Restoring…"
      onConfirm={() => restoreCustomer({ id: customer.id })}
    >
      <p>
        {customer.name} becomes active again on {customer.cluster.name} in namespace{" "}
        <code className="font-mono text-xs">{customer.namespace}</code>, and receives the steps of every release that is
        active now.
      </p>
    </ConfirmDialog>
  );
}
