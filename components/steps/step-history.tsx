import type { StepHistoryEntry } from "@/lib/domain/steps/types";
import { Time } from "@/components/ui/time";

/** A step's history (spec 5.7), oldest first, each entry with who and when, and for "marked done" what ran. */
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
            {e.ran?.sameAsShown ? (
              <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="what-ran">
                {e.kind === "reviewed" ? "Reviewed" : "Ran"}: the content as shown{e.ran.missing.length ? `, without a value for ${e.ran.missing.map((m) => `{{ ${m} }}`).join(", ")}` : ""}.
              </p>
            ) : e.ran && e.ran.content.trim() ? (
              <details className="mt-1" data-testid="what-ran">
                <summary className="cursor-pointer text-xs font-medium text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100">
                  {e.kind === "reviewed" ? "What was reviewed" : "What ran"}
                  {e.ran.missing.length ? ` (without a value for ${e.ran.missing.map((m) => `{{ ${m} }}`).join(", ")})` : ""}
                </summary>
                <pre className="mt-1 max-h-64 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
                  {e.ran.content}
                </pre>
              </details>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
