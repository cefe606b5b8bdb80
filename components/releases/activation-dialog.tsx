"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import type { ReleaseType } from "@/lib/domain/vocabulary";
import { activateReleaseAction } from "@/lib/domain/releases/actions";
import type { ClusterGroup } from "@/lib/domain/releases/types";
import { plural } from "@/lib/plural";
import { CustomerPicker } from "./customer-picker";
import type { TrackPreview } from "@/lib/domain/tracks/types";

type Mode = "all" | "clusters" | "customers";

/**
 * FR-003 with a scope (workflows 7.1 and 7.3). The default follows the type: a release goes to
 * everyone; a hotfix or an onboarding goes to the customers the user picks (none preselected). A
 * release with no template steps (a hotfix made of custom steps) can only go to chosen customers.
 * The summary says exactly what activation will create.
 */
export function ActivationDialog({
  releaseId,
  releaseName,
  releaseType,
  templateSteps,
  groups,
  trackPlan,
}: {
  releaseId: number;
  releaseName: string;
  releaseType: ReleaseType;
  templateSteps: number;
  groups: ClusterGroup[];
  /** Where the release's track puts the customers (null: no stages). */
  trackPlan?: TrackPreview | null;
}) {
  const router = useRouter();
  const toast = useToast();
  const defaultMode: Mode = releaseType === "release" && templateSteps > 0 ? "all" : "customers";
  const eligible = useMemo(
    () =>
      groups
        .filter((g) => g.active)
        .map((g) => ({ ...g, customers: g.customers.filter((c) => c.isActive) }))
        .filter((g) => g.customers.length),
    [groups],
  );
  const [mode, setMode] = useState<Mode>(defaultMode);
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
<Button>Activate…</Button>
      }
      title={`Activate “${releaseName}”`}
      description={
        templateSteps
          ? "Each chosen customer gets its own copy of every template step."
          : "This release has no template steps: the chosen customers join it, and you add custom steps to each one's checklist."
      }
      wide
      action={activateReleaseAction}
      hidden={{ id: releaseId }}
      submitLabel={`Activate for ${plural(chosen.length, "customer")}`}
      pendingLabel="Activating…"
      onOpenChange={(open) => {
        if (!open) return;
        setMode(defaultMode);
        setClusterIds(new Set());
        setCustomerIds(new Set());
      }}
      onDone={(d) => {
        toast(`“${releaseName}” is active for ${plural(d.customers, "customer")}`);
        router.push(`/releases/${releaseId}?activated=${d.stepsCreated}&customers=${d.customers}&clusters=${d.clusters}`);
      }}
    >
      {({ errorFor }) => (
        <>
          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">Who gets this release?</legend>
            {(
              [
                [
                  "all",
                  "All active customers",
                  templateSteps
                    ? "Everyone now, and customers added later join automatically."
                    : "Needs at least one template step: with none, everyone would get nothing.",
                ],
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
                <input
                  type="radio"
                  name="mode"
                  value={value}
                  checked={mode === value}
                  disabled={value === "all" && templateSteps === 0}
                  onChange={() => setMode(value)}
                  className="mt-1 accent-brand-600"
                />
                <span>
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{label}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{help}</span>
                </span>
              </label>
            ))}
          </fieldset>

          {mode === "clusters" ? (
            <div className="mt-4 max-h-64 space-y-2 overflow-y-auto rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
              {eligible.map((g) => (
                <label key={g.id} className="flex items-center gap-2 text-sm font-medium text-zinc-900 dark:text-zinc-100">
                  <input
                    type="checkbox"
                    name="clusterIds"
                    value={g.id}
                    checked={clusterIds.has(g.id)}
                    onChange={() => setClusterIds((s) => toggle(s, g.id))}
                    className="accent-brand-600"
                  />
                  {g.name}
                  <span className="text-xs font-normal text-zinc-600 dark:text-zinc-400">({plural(g.customers.length, "customer")})</span>
                </label>
              ))}
            </div>
          ) : null}
          {mode === "customers" ? (
            <div className="mt-4">
              <CustomerPicker customers={eligible.flatMap((g) => g.customers)} selected={customerIds} onChange={setCustomerIds} />
            </div>
          ) : null}

          <div
            className="mt-4 rounded-lg bg-zinc-50 px-3 py-2.5 text-sm text-zinc-800 dark:bg-zinc-800/60 dark:text-zinc-200"
            aria-live="polite"
            data-testid="activation-summary"
          >
            {templateSteps ? (
              <>
                <strong>{plural(chosen.length, "customer")}</strong> in <strong>{plural(clusters, "cluster")}</strong> will get{" "}
                <strong>{plural(templateSteps, "step")}</strong> each — {plural(chosen.length * templateSteps, "customer step")} in total.
              </>
            ) : (
              <>
                <strong>{plural(chosen.length, "customer")}</strong> in <strong>{plural(clusters, "cluster")}</strong> will join with no steps yet: add
                custom steps from each customer&rsquo;s checklist.
              </>
            )}
          </div>
          {trackPlan ? <StagePlan plan={trackPlan} chosen={chosen.map((c) => c.id)} /> : null}
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

/** Where the chosen customers land on the release's track, stage by stage (the same rule as the gates). */
function StagePlan({ plan, chosen }: { plan: TrackPreview; chosen: number[] }) {
  const counts = plan.stages.map(() => 0);
  let unselected = 0;
  for (const id of chosen) {
    const at = plan.placement[String(id)];
    if (!at) continue;
    counts[at.stage]++;
    if (!at.selected) unselected++;
  }
  const first = plan.stages[0];
  return (
    <div className="mt-3 rounded-lg border border-zinc-200 px-3 py-2.5 text-sm text-zinc-800 dark:border-zinc-700 dark:text-zinc-200" data-testid="activation-stages" aria-live="polite">
      <p>
        Track <strong>{plan.trackName}</strong>:{" "}
        {plan.stages.map((s, i) => (
          <span key={s.name}>
            {i ? " → " : ""}
            {s.name} ({plural(counts[i], "customer")}
            {s.requiredGroups.length ? `; signed off by ${s.requiredGroups.join(", ")}` : ""})
          </span>
        ))}
        . {first.requiredGroups.length ? `${first.name} opens once it is signed off and promoted` : `${first.name} opens with the activation`}; each later stage opens when it
        is promoted.
      </p>
      {unselected ? (
        <p className="mt-1.5 text-amber-800 dark:text-amber-300">
          {plural(unselected, "customer")} {unselected === 1 ? "is" : "are"} in no stage&rsquo;s clusters or labels, so {unselected === 1 ? "it lands" : "they land"} in the
          last stage, {plan.stages[plan.stages.length - 1].name}.
        </p>
      ) : null}
    </div>
  );
}
