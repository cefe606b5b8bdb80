import Link from "next/link";
import { cn } from "@/lib/cn";

/** A Kubernetes namespace, set in monospace so it reads as the exact string scripts use. */
export function Namespace({ value, className }: { value: string; className?: string }) {
  return (
    <code
      className={cn(
        "rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
        className,
      )}
    >
      <span className="sr-only">namespace </span>
      {value}
    </code>
  );
}

/** Where a customer runs: its cluster (linked) and namespace, the pair spec 8.1 asks for. */
export function Placement({ cluster, namespace }: { cluster: { id: number; name: string; deleted?: boolean }; namespace: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-sm">
      {cluster.deleted ? (
        <span className="text-zinc-500 line-through dark:text-zinc-400" title="This cluster has been deleted">
          {cluster.name}
        </span>
      ) : (
        <Link href={`/clusters/${cluster.id}`} className="font-medium text-zinc-700 hover:underline dark:text-zinc-300">
          {cluster.name}
        </Link>
      )}
      <span className="text-zinc-300 dark:text-zinc-600" aria-hidden>
        /
      </span>
      <Namespace value={namespace} />
    </span>
  );
}
