"use client";

import { useRouter } from "next/navigation";
import type { ReactElement } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteCluster } from "@/lib/domain/clusters/actions";
import { deleteRefusal } from "@/lib/domain/clusters/model/messages";
import type { ClusterMember } from "@/lib/domain/clusters/types";

/**
 * FC-003. A cluster with active customers cannot be deleted (BR-C01): the dialog says why and
 * offers its customers instead of a doomed button. The domain refuses it anyway, in the same
 * words, should the page be stale.
 */
export function DeleteClusterDialog({
  cluster,
  trigger,
  redirectTo,
}: {
  cluster: { id: number; name: string; customers: ClusterMember[] };
  trigger: ReactElement;
  /** Where to go afterwards (the detail page of a deleted cluster no longer exists). */
  redirectTo?: string;
}) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={trigger}
      title={`Delete ${cluster.name}?`}
      confirmLabel="Delete cluster"
      pendingLabel="Deleting…"
      onConfirm={() => deleteCluster({ id: cluster.id })}
      blocked={
        cluster.customers.length > 0
          ? {
              title: "This cluster can't be deleted yet",
              reason: deleteRefusal(
                cluster.name,
                cluster.customers.map((c) => c.name),
              ),
              next: { href: `/customers?cluster=${cluster.id}`, label: "Show its customers" },
            }
          : undefined
      }
      onDone={() => {
        if (redirectTo) router.push(redirectTo);
      }}
    >
      <p>
        <strong className="font-semibold text-zinc-900 dark:text-zinc-100">{cluster.name}</strong> disappears from lists and pickers. Archived customers and the
        audit trail keep their reference to it, and its name becomes free to reuse.
      </p>
    </ConfirmDialog>
  );
}
