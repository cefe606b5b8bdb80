import Link from "next/link";
import { cn } from "@/lib/cn";
import { matrixHref } from "@/lib/domain/matrix/model/params";
import type { MatrixParams } from "@/lib/domain/matrix/types";
import { stepCategories } from "@/lib/domain/vocabulary";

/** Deploy / Verify tabs (sketch 5.5), as links: the category is part of the URL. */
export function CategoryTabs({ releaseId, params }: { releaseId: number; params: MatrixParams }) {
  return (
    <nav aria-label="Step category" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {stepCategories.map((category) => {
        const current = params.category === category;
        return (
          <Link prefetch={false}
            key={category}
            href={matrixHref(releaseId, { ...params, category })}
            aria-current={current ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-4 py-2 text-sm font-semibold",
              current
                ? "border-brand-600 text-brand-700 dark:border-brand-500 dark:text-brand-100"
                : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            {category === "deploy" ? "Deploy" : "Verify"}
          </Link>
        );
      })}
    </nav>
  );
}
