import { StatusIcon } from "@/components/steps/step-status";
import { Card, CardHeader } from "@/components/ui/card";
import type { QuickStats as Stats } from "@/lib/domain/dashboard/types";
import type { ShownStatus } from "@/lib/domain/vocabulary";

const tiles: Array<{ status: ShownStatus & keyof Stats; label: string; hint: string }> = [
  { status: "pending", label: "Pending", hint: "not started" },
  { status: "done", label: "Done", hint: "completed" },
  { status: "skipped", label: "Skipped", hint: "with a reason" },
  { status: "reverted", label: "Reverted", hint: "to redo" },
];
/** Shown when an agent left steps so: work left that a person must decide. */
const runTiles: Array<{ status: ShownStatus & keyof Stats; label: string; hint: string }> = [
  { status: "failed", label: "Failed", hint: "on an agent" },
  { status: "unknown", label: "Outcome unknown", hint: "agent lost" },
];

/** FV-001 "Quick stats": customer steps in active releases by status (one aggregate). */
export function QuickStats({ stats }: { stats: Stats }) {
  return (
    <Card aria-labelledby="quick-stats">
      <CardHeader
        title={<span id="quick-stats">Quick stats</span>}
        description={
          stats.releases
            ? `${stats.total} customer steps across ${stats.releases} active ${stats.releases === 1 ? "release" : "releases"}`
            : "No active release"
        }
      />
      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-b-xl bg-zinc-100 dark:bg-zinc-800">
        {[...tiles, ...(stats.failed || stats.unknown ? runTiles : [])].map((t) => (
          <div key={t.status} className="bg-white px-5 py-4 dark:bg-zinc-900" data-testid={`stat-${t.status}`}>
            <dt className="flex items-center gap-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-400">
              <StatusIcon status={t.status} className="size-4" />
              {t.label}
            </dt>
            <dd className="mt-1">
              <span className="text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums dark:text-zinc-50" data-testid="value">
                {stats[t.status]}
              </span>
              <span className="ml-1.5 text-xs text-zinc-500 dark:text-zinc-400">{t.hint}</span>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
