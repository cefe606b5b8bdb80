import "./matrix.css";
import Link from "next/link";
import { CopyButton } from "@/components/code/copy-button";
import { DiffView } from "@/components/steps/diff-view";
import { StatusLabel } from "@/components/steps/step-status";
import { Badge } from "@/components/ui/badge";
import { matrixHref } from "@/lib/domain/matrix/model/params";
import type { StepAcross } from "@/lib/domain/matrix/types";
import { Time } from "@/components/ui/time";

type Group = StepAcross["clusters"][number];

/** One cluster's customers for one template step (FV-005), overrides with their diff. */
export function AcrossTable({ releaseId, category, group }: { releaseId: number; category: "deploy" | "verify"; group: Group }) {
  const headingId = `across-${group.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="across-cluster"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id={headingId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          {group.name}
        </h2>
        <p className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
          {group.counts.done}/{group.counts.total} done
          {group.counts.skipped ? ` · ${group.counts.skipped} skipped` : ""}
          {group.counts.overridden ? ` · ${group.counts.overridden} overridden` : ""}
        </p>
      </div>
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[40rem] text-sm">
          <caption className="sr-only">Customers of {group.name}</caption>
          <thead className="text-left text-xs tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              {["Customer", "Status", "Content", "Details"].map((label) => (
                <th key={label} scope="col" className="px-4 py-2 font-semibold">
                  {label}
                </th>
              ))}
              <th scope="col" className="px-4 py-2 font-semibold">
                <span className="sr-only">Links</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {group.customers.map(({ customer, step, diff, rendered, missing }) => (
              <tr key={customer.id} className="align-top" data-testid="across-row" data-customer={customer.name}>
                <th scope="row" className="px-4 py-2.5 text-left font-normal">
                  <span className="block font-medium text-zinc-900 dark:text-zinc-100">{customer.name}</span>
                  <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{customer.namespace}</span>
                  {customer.isActive ? null : <span className="mt-0.5 block text-xs font-medium text-amber-800 dark:text-amber-300">Customer archived</span>}
                </th>
                <td className="px-4 py-2.5">
                  {step ? <StatusLabel status={step.runState ?? step.status} /> : <span className="text-zinc-500 dark:text-zinc-400">— Not applicable</span>}
                </td>
                <td className="px-4 py-2.5">
                  {step?.isOverridden ? (
                    <details className="group">
                      <summary className="cursor-pointer list-none">
                        <Badge tone="amber">⚠ Overridden</Badge>{" "}
                        <span className="text-sm font-medium text-brand-700 underline-offset-2 group-open:underline hover:underline dark:text-brand-100">
                          View diff
                        </span>
                      </summary>
                      {diff ? (
                        <div className="mt-2 w-[min(40rem,60vw)]">
                          <DiffView parts={diff} />
                        </div>
                      ) : null}
                    </details>
                  ) : step ? (
                    <span className="text-zinc-600 dark:text-zinc-400">From template</span>
                  ) : null}
                  {step && missing.length ? (
                    <span className="mt-1 block" data-testid="across-missing">
                      <Badge tone="red">{"{ }"} Needs a value</Badge>{" "}
                      <span className="text-xs text-zinc-600 dark:text-zinc-400">{missing.map((m) => `{{ ${m} }}`).join(", ")}</span>
                    </span>
                  ) : null}
                  {step && rendered !== null ? (
                    <details className="group mt-1">
                      <summary className="cursor-pointer text-sm font-medium text-brand-700 underline-offset-2 group-open:underline hover:underline dark:text-brand-100">
                        As it runs<span className="sr-only"> for {customer.name}</span>
                      </summary>
                      <div className="mt-2 w-[min(40rem,60vw)] space-y-1.5">
                        <pre className="max-h-64 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
                          {rendered}
                        </pre>
                        <CopyButton text={rendered} />
                      </div>
                    </details>
                  ) : null}
                </td>
                <td className="px-4 py-2.5 text-zinc-600 dark:text-zinc-400">
                  {step?.status === "done" && step.executedAt ? (
                    <>
                      <Time value={step.executedAt} />
                      {step.executedByName ? ` · ${step.executedByName}` : ""}
                    </>
                  ) : step?.status === "skipped" ? (
                    <>Skipped: {step.skipReason}</>
                  ) : null}
                  {step?.notes ? <span className="block text-xs">Notes: {step.notes}</span> : null}
                </td>
                <td className="px-4 py-2.5 text-right whitespace-nowrap">
                  {step ? (
                    <Link
                      prefetch={false}
                      href={matrixHref(releaseId, { category, clusterId: group.id, workLeft: false, archived: false, open: "default" }, { step: step.id })}
                      className="font-medium text-brand-700 hover:underline dark:text-brand-100"
                    >
                      Open in matrix<span className="sr-only"> for {customer.name}</span>
                    </Link>
                  ) : null}
                  <Link
                    prefetch={false}
                    href={`/releases/${releaseId}/customers/${customer.id}`}
                    className="ml-4 font-medium text-brand-700 hover:underline dark:text-brand-100"
                  >
                    Checklist<span className="sr-only"> of {customer.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
