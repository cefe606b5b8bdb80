"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { addCustomersToReleaseAction } from "@/lib/domain/releases/actions";
import type { ReleaseCustomer } from "@/lib/domain/releases/types";
import { plural } from "@/lib/plural";
import { CustomerPicker } from "./customer-picker";

/** Brings left-out customers into an active release; their steps are created at once. */
export function AddCustomersDialog({ releaseId, candidates, templateSteps }: { releaseId: number; candidates: ReleaseCustomer[]; templateSteps: number }) {
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const router = useRouter();
  return (
    <FormDialog
      trigger={
        <Button variant="secondary" size="sm">
          Add customers…
        </Button>
      }
      title="Add customers to this release"
      description={templateSteps ? "Each one gets a copy of every current template step." : "They join the release; add custom steps to their checklists."}
      wide
      action={addCustomersToReleaseAction}
      hidden={{ id: releaseId }}
      submitLabel="Add to release"
      pendingLabel="Adding…"
      onOpenChange={(open) => {
        if (open) setPicked(new Set());
      }}
      onDone={() => router.refresh()}
    >
      {({ errorFor }) => (
        <>
          <CustomerPicker customers={candidates} selected={picked} onChange={setPicked} />
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            {templateSteps
              ? `${plural(picked.size, "customer")} · ${plural(picked.size * templateSteps, "customer step")} will be created.`
              : `${plural(picked.size, "customer")} will join with no steps yet: add custom steps from each checklist.`}
          </p>
          {errorFor("customerIds") ? (
            <div className="mt-3">
              <Alert tone="error">{errorFor("customerIds")?.[0]}</Alert>
            </div>
          ) : null}
        </>
      )}
    </FormDialog>
  );
}
