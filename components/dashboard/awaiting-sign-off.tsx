import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import type { AwaitingSignOff } from "@/lib/domain/stages/queries/awaiting";

/** Releases whose next stage waits for a sign-off the viewer can give (shown only when there are some). */
export function AwaitingSignOffCard({ items }: { items: AwaitingSignOff[] }) {
  if (items.length === 0) return null;
  return (
    <Card aria-labelledby="awaiting-sign-off-title" data-testid="awaiting-sign-off" className="border-amber-300 dark:border-amber-500/40">
      <CardHeader
        title={<span id="awaiting-sign-off-title">Waiting for your sign-off</span>}
        description="Stages that cannot open until your approver group signs off."
      />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {items.map((item) => (
          <li key={item.stageId} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
            <span>
              <Link href={`/releases/${item.releaseId}`} className="font-semibold text-zinc-900 hover:underline dark:text-zinc-100">
                {item.releaseName}
              </Link>
              <span className="text-zinc-600 dark:text-zinc-400"> → {item.stageName}</span>
            </span>
            <span className="text-xs text-amber-800 dark:text-amber-300">as {item.groups.join(", ")}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
