import type { Average, ByCategory } from "@/lib/domain/progress/model/progress";
import { AverageBar } from "@/components/progress/progress-view";
import { pct } from "@/components/matrix/labels";
import { stepCategories } from "@/lib/domain/vocabulary";

/** The release's overall progress (spec 8.2: the average over all customers), deploy and verify. */
export function ReleaseProgress({ overall, customers }: { overall: ByCategory<Average>; customers: number }) {
  return (
    <section aria-label="Release progress" className="mb-6 grid gap-3 sm:grid-cols-3">
      {stepCategories.map((category) => (
        <div key={category} className="rounded-xl border border-zinc-200 bg-white px-4 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900" data-testid={`overall-${category}`}>
          <div className="flex items-baseline justify-between">
            <span className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{category === "deploy" ? "Deploy" : "Verify"}</span>
            <span className="text-xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-50">{pct(overall[category].percent)}</span>
          </div>
          {overall[category].customers ? (
            <>
              <AverageBar className="mt-2" average={overall[category]} showText={false} label={`Overall ${category} progress`} />
              <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                {overall[category].completeCustomers} of {overall[category].customers} customers complete
                {overall[category].skippedPercent >= 0.5 ? ` · ${pct(overall[category].skippedPercent)} skipped` : ""}
              </p>
            </>
          ) : (
            <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">No {category} steps</p>
          )}
        </div>
      ))}
      <div className="rounded-xl border border-zinc-200 bg-white px-4 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900" data-testid="overall-all">
        <div className="flex items-baseline justify-between">
          <span className="text-sm font-medium text-zinc-600 dark:text-zinc-400">Overall</span>
          <span className="text-xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-50">{pct(overall.all.percent)}</span>
        </div>
        <AverageBar className="mt-2" average={overall.all} showText={false} label="Overall progress, deploy and verify" />
        <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400" title="Each customer's share of done steps, averaged over customers (spec 8.2)">
          <span data-testid="customers-complete">
            {overall.all.completeCustomers} of {customers}
          </span>{" "}
          customers complete · average per customer
        </p>
      </div>
    </section>
  );
}
