"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { addCustomersToReleaseAction } from "@/lib/domain/releases/actions";
import type { ReleaseCustomer } from "@/lib/domain/releases/types";

/** Brings left-out customers into an active release; their steps are created at once. */
export function AddCustomersDialog({ releaseId, candidates, templateSteps }: { releaseId: number; candidates: ReleaseCustomer[]; templateSteps: number }) {
  const [picked, setPicked] = useState<Set<number>>(new Set());
  return (
    <FormDialog
      trigger={
        <Button variant="secondary" size="sm">
          Add customers…
        </Button>
      }
      title="Add customers to this release"
      description="Each one gets a copy of every current template step."
      action={addCustomersToReleaseAction}
      hidden={{ id: releaseId }}
      submitLabel="Add to release"
      pendingLabel="Adding…"
      onOpenChange={(open) => {
        if (open) setPicked(new Set());
      }}
    >
      {({ errorFor }) => (
        <>
          <div className="max-h-72 space-y-1 overflow-y-auto">
            {candidates.map((c) => (
              <label
                key={c.id}
                className="flex items-center gap-2 rounded px-1 py-1 text-sm text-zinc-800 hover:bg-zinc-50 dark:text-zinc-200 dark:hover:bg-zinc-800"
              >
                <input
                  type="checkbox"
                  name="customerIds"
                  value={c.id}
                  className="accent-brand-600"
                  checked={picked.has(c.id)}
                  onChange={() =>
                    setPicked((s) => {
                      const n = new Set(s);
                      if (n.has(c.id)) n.delete(c.id);
                      else n.add(c.id);
                      return n;
                    })
                  }
                />
                {c.name}
                <span className="text-xs text-zinc-500">
                  {c.clusterName} / <span className="font-mono">{c.namespace}</span>
                </span>
              </label>
            ))}
          </div>
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            {picked.size} selected · {picked.size * templateSteps} customer steps will be created.
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
