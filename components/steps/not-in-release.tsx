"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { addCustomersToReleaseAction } from "@/lib/domain/releases/actions";

/**
 * A customer the release left out (or that joined after a narrowed activation): its checklist is
 * not "0/0 done" but says so, and a release manager can add it to the release from here.
 */
export function NotInRelease({
  release,
  customer,
  canAdd,
}: {
  release: { id: number; name: string; status: string };
  customer: { id: number; name: string; isActive: boolean };
  canAdd: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  return (
    <EmptyState
      title={`${customer.name} is not in this release`}
      action={
        canAdd ? (
          <ConfirmDialog
            trigger={<Button>Add {customer.name} to the release</Button>}
            title={`Add ${customer.name} to “${release.name}”?`}
            tone="primary"
            confirmLabel="Add to release"
            pendingLabel="Adding…"
            onConfirm={() => addCustomersToReleaseAction({ id: release.id, customerIds: [customer.id] })}
            onDone={() => {
              toast(`${customer.name} was added to ${release.name}`);
              router.refresh();
            }}
          >
            <p>It gets its own copy of every current template step of this release, all pending.</p>
          </ConfirmDialog>
        ) : null
      }
    >
      {!customer.isActive
        ? "The customer is archived: it takes no part in releases under way."
        : release.status === "active"
          ? "The release was activated for other customers. Adding it gives it this release's steps."
          : `The release is ${release.status}; customers can be added only while it is active.`}
    </EmptyState>
  );
}
