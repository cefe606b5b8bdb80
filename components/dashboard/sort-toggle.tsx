import Link from "next/link";
import { cn } from "@/lib/cn";

/** A segmented set of sort links (state in the URL, so a reload or shared link keeps it). */
export function SortToggle<T extends string>({ label, options, current, hrefFor }: { label: string; options: Array<[T, string]>; current: T; hrefFor: (sort: T) => string }) {
  return (
    <nav aria-label={label} className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
      {options.map(([sort, text]) => (
        <Link
          key={sort}
          href={hrefFor(sort)}
          scroll={false}
          aria-current={current === sort ? "page" : undefined}
          className={cn(
            "rounded px-2.5 py-1 text-sm font-medium",
            current === sort
              ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
              : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
          )}
        >
          {text}
        </Link>
      ))}
    </nav>
  );
}
