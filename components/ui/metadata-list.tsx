import type { ReactNode } from "react";

/** Read-only key/value pairs (a cluster's or customer's metadata) as a definition list. */
export function MetadataList({ metadata, empty = "No metadata." }: { metadata: Record<string, string>; empty?: ReactNode }) {
  const entries = Object.entries(metadata);
  if (entries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <dl className="grid grid-cols-[minmax(6rem,max-content)_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-xs leading-5 wrap-anywhere text-zinc-500 dark:text-zinc-400">{key}</dt>
          <dd className="min-w-0 wrap-anywhere text-zinc-900 dark:text-zinc-100">{value || <span className="text-zinc-500 dark:text-zinc-400">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One labelled fact on a detail page. */
export function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 text-sm wrap-anywhere text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}
