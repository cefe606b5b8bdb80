"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { cn } from "@/lib/cn";
import { activateReleaseAction } from "@/lib/domain/releases/actions";
import type { ClusterGroup } from "@/lib/domain/releases/types";
import { plural } from "@/lib/plural";

type Mode = "all" | "clusters" | "customers";

/**
 * FR-003 with a scope (workflows 7.1 and 7.3): everyone by default, or whole clusters, or
 * hand-picked customers. The summary says exactly what activation will create.
 */
export function ActivationDialog({
  releaseId,
  releaseName,
  templateSteps,
  groups,
}: {
  releaseId: number;
  releaseName: string;
  templateSteps: number;
  groups: ClusterGroup[];
}) {
  const router = useRouter();
  const eligible = useMemo(
    () =>
      groups
        .filter((g) => g.active)
        .map((g) => ({ ...g, customers: g.customers.filter((c) => c.isActive) }))
        .filter((g) => g.customers.length),
    [groups],
  );
  const [mode, setMode] = useState<Mode>("all");
  const [clusterIds, setClusterIds] = useState<Set<number>>(new Set());
  const [customerIds, setCustomerIds] = useState<Set<number>>(new Set());

  const chosen = eligible.flatMap((g) => g.customers.filter((c) => mode === "all" || (mode === "clusters" ? clusterIds.has(g.id) : customerIds.has(c.id))));
  const clusters = new Set(chosen.map((c) => c.clusterId)).size;
  const toggle = (set: Set<number>, id: number) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };

  return (
    <FormDialog
      trigger={
        <Button disabled={templateSteps === 0} title={templateSteps === 0 ? "Add at least one template step first" : undefined}>
          Activate…
        </Button>
      }
      title={`Activate “${releaseName}”`}
      description="Each chosen customer gets its own copy of every template step."
      action={activateReleaseAction}
      hidden={{ id: releaseId }}
      submitLabel={`Activate for ${plural(chosen.length, "customer")}`}
      pendingLabel="Activating…"
      onOpenChange={(open) => {
        if (!open) return;
        setMode("all");
        setClusterIds(new Set());
        setCustomerIds(new Set());
      }}
      onDone={(d) => router.push(`/releases/${releaseId}?activated=${d.stepsCreated}&customers=${d.customers}&clusters=${d.clusters}`)}
    >
      {({ errorFor }) => (
        <>
          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">Who gets this release?</legend>
            {(
              [
                ["all", "All active customers", "Everyone now, and customers added later join automatically."],
                ["clusters", "Customers in chosen clusters", "Others are recorded as left out and can be added later."],
                ["customers", "Chosen customers", "For an onboarding or a targeted hotfix."],
              ] as const
            ).map(([value, label, help]) => (
              <label
                key={value}
                className={cn(
                  "flex cursor-pointer gap-3 rounded-lg border px-3 py-2 text-sm",
                  mode === value ? "border-brand-500 bg-brand-50 dark:bg-brand-500/10" : "border-zinc-200 dark:border-zinc-700",
                )}
              >
                <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} className="mt-1 accent-brand-600" />
                <span>
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{label}</span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">{help}</span>
                </span>
              </label>
            ))}
          </fieldset>

          {mode !== "all" ? (
            <div className="mt-4 max-h-64 space-y-3 overflow-y-auto rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
              {eligible.map((g) => (
                <div key={g.id}>
                  {mode === "clusters" ? (
                    <label className="flex items-center gap-2 text-sm font-medium text-zinc-900 dark:text-zinc-100">
                      <input
                        type="checkbox"
                        name="clusterIds"
                        value={g.id}
                        checked={clusterIds.has(g.id)}
                        onChange={() => setClusterIds((s) => toggle(s, g.id))}
                        className="accent-brand-600"
                      />
                      {g.name}
                      <span className="text-xs font-normal text-zinc-500">({plural(g.customers.length, "customer")})</span>
                    </label>
                  ) : (
                    <fieldset>
                      <legend className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{g.name}</legend>
                      <div className="mt-1 space-y-1">
                        {g.customers.map((c) => (
                          <label key={c.id} className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
                            <input
                              type="checkbox"
                              name="customerIds"
                              value={c.id}
                              checked={customerIds.has(c.id)}
                              onChange={() => setCustomerIds((s) => toggle(s, c.id))}
                              className="accent-brand-600"
                            />
                            {c.name}
                            <span className="font-mono text-xs text-zinc-500">{c.namespace}</span>
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  )}
                </div>
              ))}
            </div>
          ) : null}

          <div
            className="mt-4 rounded-lg bg-zinc-50 px-3 py-2.5 text-sm text-zinc-800 dark:bg-zinc-800/60 dark:text-zinc-200"
            aria-live="polite"
            data-testid="activation-summary"
          >
            <strong>{plural(chosen.length, "customer")}</strong> in <strong>{plural(clusters, "cluster")}</strong> will get{" "}
            <strong>{plural(templateSteps, "step")}</strong> each — {plural(chosen.length * templateSteps, "customer step")} in total.
          </div>
          {eligible.length === 0 ? (
            <div className="mt-3">
              <Alert tone="warning">There are no active customers yet. Activating now creates no steps; customers added later will get them.</Alert>
            </div>
          ) : null}
          {(errorFor("clusterIds")?.[0] ?? errorFor("customerIds")?.[0]) ? (
            <div className="mt-3">
              <Alert tone="error">{errorFor("clusterIds")?.[0] ?? errorFor("customerIds")?.[0]}</Alert>
            </div>
          ) : null}
        </>
      )}
    </FormDialog>
  );
}
