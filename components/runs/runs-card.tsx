import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { RunView } from "@/lib/domain/runs/types";
import { RunStatusBadge } from "./run-badges";

/** A release's latest runs on agents, with their counts (release page). */
export function RunsCard({ releaseId, runs }: { releaseId: number; runs: Array<Omit<RunView, "items">> }) {
  if (runs.length === 0) return null;
  return (
    <Card aria-labelledby="runs-title">
      <CardHeader title={<span id="runs-title">Runs on agents</span>} description="Steps handed to the agents next to each cluster, newest first." />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {runs.map((r) => {
          const c = r.counts;
          const bad = c.failed + c.unknown;
          return (
            <li key={r.id} className="px-5 py-3 text-sm" data-testid="run-row">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/releases/${releaseId}/runs/${r.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                  #{r.id} {r.title}
                </Link>
                <RunStatusBadge status={r.status} />
              </div>
              <p className="mt-0.5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                {c.done} of {c.total} done{bad ? ` · ${c.failed} failed, ${c.unknown} unknown` : ""}
                {c.queued + c.running ? ` · ${c.running} running, ${c.queued} queued` : ""}
                {r.startedByName ? ` · ${r.startedByName}, ` : " · "}
                <Time value={r.createdAt} />
              </p>
              {r.status === "paused" && r.pausedReason ? <p className="mt-0.5 text-xs text-amber-800 dark:text-amber-300">{r.pausedReason}</p> : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
