import Link from "next/link";

/** A customer inside its cluster's view: name and namespace together (spec 8.1). */
export function CustomerChip({ id, name, namespace }: { id: number; name: string; namespace: string }) {
  return (
    <Link
      href={`/customers/${id}`}
      className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 bg-zinc-50 px-2 py-0.5 text-xs hover:border-zinc-300 hover:bg-white dark:border-zinc-700 dark:bg-zinc-800/60 dark:hover:border-zinc-600 dark:hover:bg-zinc-800"
    >
      <span className="font-medium text-zinc-900 dark:text-zinc-100">{name}</span>
      <span className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{namespace}</span>
    </Link>
  );
}
