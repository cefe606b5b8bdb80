import type { Change } from "diff";
import { cn } from "@/lib/cn";

/** Line diff from the template to this customer's override; +/− marks, not colour alone. */
export function DiffView({
  parts,
  removed = "only in the template",
  added = "only in this customer's override",
}: {
  parts: Change[];
  /** What a − line and a + line mean here. */
  removed?: string;
  added?: string;
}) {
  const lines = parts.flatMap((p) =>
    p.value
      .replace(/\n$/, "")
      .split("\n")
      .map((text) => ({ text, kind: p.added ? "added" : p.removed ? "removed" : "same" }) as const),
  );
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <p className="border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
        <span className="font-mono">−</span> {removed} · <span className="font-mono">+</span> {added}
      </p>
      <pre className="max-h-80 overflow-auto bg-white py-2 font-mono text-[13px] leading-6 dark:bg-zinc-950" aria-label="Differences">
        {lines.map((l, i) => (
          <div
            key={i}
            className={cn(
              "px-3 whitespace-pre-wrap",
              l.kind === "added" && "bg-emerald-50 text-emerald-900 dark:bg-emerald-500/10 dark:text-emerald-200",
              l.kind === "removed" && "bg-rose-50 text-rose-900 dark:bg-rose-500/10 dark:text-rose-200",
            )}
          >
            <span aria-hidden className="mr-3 inline-block w-3 select-none text-zinc-500 dark:text-zinc-400">
              {l.kind === "added" ? "+" : l.kind === "removed" ? "−" : " "}
            </span>
            <span className="sr-only">{l.kind === "added" ? "added: " : l.kind === "removed" ? "removed: " : ""}</span>
            {l.text || " "}
          </div>
        ))}
      </pre>
    </div>
  );
}
