import type { StepHistoryEntry } from "@/lib/domain/steps/types";
import { Time } from "@/components/ui/time";

/** A step's history (spec 5.7), oldest first, each entry with who and when. */
export function StepHistory({ entries }: { entries: StepHistoryEntry[] }) {
  return (
    <ol className="space-y-1.5 text-sm">
      {entries.map((e) => (
        <li key={e.id} className="flex gap-2">
          <span aria-hidden className="mt-2 size-1.5 shrink-0 rounded-full bg-zinc-400 dark:bg-zinc-500" />
          <div className="min-w-0">
            <Time value={e.at} className="text-xs text-zinc-600 dark:text-zinc-400" />{" "}
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{e.label}</span>
            {e.actorName ? <span className="text-zinc-600 dark:text-zinc-400"> · {e.actorName}</span> : null}
            {e.note ? <p className="text-zinc-600 break-words dark:text-zinc-400">{e.note}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
