"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { reviewAcrossAction } from "@/lib/domain/steps/actions";

/** Four eyes across customers: record "Reviewed" on every copy that waits for it, having read them here. */
export function ReviewAcrossButton({ releaseId, templateId, stepName, waiting }: { releaseId: number; templateId: number; stepName: string; waiting: number }) {
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="secondary" className="mt-3">
          Review for {waiting} {waiting === 1 ? "customer" : "customers"}…
        </Button>
      }
      title={`Review "${stepName}" for every customer waiting?`}
      description={`${waiting} ${waiting === 1 ? "copy waits" : "copies wait"} for a second pair of eyes. Record your review only after reading the step as it runs for each customer (this page lists each one and its differences). Copies whose content you wrote are left for someone else.`}
      confirmLabel="Record my review"
      tone="primary"
      onConfirm={() => reviewAcrossAction({ releaseId, templateId })}
      onDone={(d) => toast(`Reviewed for ${d.reviewed} ${d.reviewed === 1 ? "customer" : "customers"}${d.ownContent ? `; ${d.ownContent} of your own content left for someone else` : ""}`)}
    />
  );
}
