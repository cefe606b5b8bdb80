import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { ledgerKindWords } from "@/lib/domain/customers/model/ledger";
import { AnsiText } from "@/components/runs/ansi-text";
import type { LedgerEntry, LedgerKind } from "@/lib/domain/customers/types";

const select =
  "h-9 rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 shadow-sm dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

/** The evidence ledger's filters (a plain GET form: the URL says what is shown) and its table. */
export function LedgerView({
  customerId,
  customerName,
  entries,
  releases,
  filters,
}: {
  customerId: number;
  customerName: string;
  entries: LedgerEntry[];
  releases: { id: number; name: string }[];
  filters: { releaseId: number | null; kind: LedgerKind | null };
}) {
  const customer = { id: customerId, name: customerName };
  return (
    <>
      <form className="mb-4 flex flex-wrap items-end gap-3" method="get">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-zinc-800 dark:text-zinc-200">Release</span>
          <select name="release" defaultValue={filters.releaseId ?? ""} className={select}>
            <option value="">All releases</option>
            {releases.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-zinc-800 dark:text-zinc-200">Event</span>
          <select name="kind" defaultValue={filters.kind ?? ""} className={select}>
            <option value="">All events</option>
            {Object.entries(ledgerKindWords).map(([k, w]) => (
              <option key={k} value={k}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="h-9 rounded-md bg-brand-600 px-3.5 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500">
          Filter
        </button>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="ledger-count">
          {entries.length} {entries.length === 1 ? "entry" : "entries"}
        </p>
      </form>
      {entries.length === 0 ? (
        <EmptyState title="Nothing recorded">No step of this customer was done, skipped, reverted or reviewed{filters.releaseId || filters.kind ? " with these filters" : ""}.</EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <caption className="sr-only">Evidence ledger of {customer.name}</caption>
              <thead className="text-xs tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                <tr className="border-b border-zinc-200 dark:border-zinc-800">
                  {["When", "Release", "Step", "Event", "By", "Notes, reason and what ran"].map((h) => (
                    <th key={h} scope="col" className="px-4 py-2 font-semibold">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 align-top dark:divide-zinc-800" data-testid="ledger">
                {entries.map((e) => (
                  <tr key={e.id} data-kind={e.kind}>
                    <td className="px-4 py-2 whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                      <Time value={e.at} />
                    </td>
                    <td className="px-4 py-2">
                      <Link href={`/releases/${e.release.id}/customers/${customer.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                        {e.release.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2 text-zinc-800 dark:text-zinc-200">
                      {e.step.name} <span className="text-xs text-zinc-500 dark:text-zinc-400">({e.step.category})</span>
                    </td>
                    <td className="px-4 py-2 font-medium text-zinc-900 dark:text-zinc-100">{ledgerKindWords[e.kind]}</td>
                    <td className="px-4 py-2 text-zinc-700 dark:text-zinc-300">{e.actorName ?? "—"}</td>
                    <td className="px-4 py-2 text-zinc-700 dark:text-zinc-300">
                      {e.run ? (
                        <p>
                          Run #{e.run.runId} by agent {e.run.agent ?? "?"}
                          {e.run.exitCode !== null ? `: exit ${e.run.exitCode}` : ""}
                          {e.run.durationMs !== null ? ` in ${(e.run.durationMs / 1000).toFixed(1)} s` : ""}
                          {e.run.note ? ` — ${e.run.note}` : ""}
                          {e.run.sha256 ? <span className="block font-mono text-[11px] text-zinc-500 dark:text-zinc-400">sha256 {e.run.sha256}</span> : null}
                        </p>
                      ) : null}
                      {e.manifest ? (
                        <p data-testid="ledger-manifest">
                          Merged into {e.manifest.branch} of {e.manifest.repository}
                          {e.manifest.approvedBy ? `, approved by ${e.manifest.approvedBy}` : ""}
                          {e.manifest.publishedBy ? ` (published by ${e.manifest.publishedBy})` : ""}
                          <span className="block font-mono text-[11px] break-all text-zinc-500 dark:text-zinc-400">
                            commit {e.manifest.commitSha} · {e.manifest.path}
                          </span>
                        </p>
                      ) : null}
                      {e.notes ? <p>Notes: {e.notes}</p> : null}
                      {e.reason ? <p>Reason: {e.reason}</p> : null}
                      {e.ran ? (
                        <details>
                          <summary className="cursor-pointer text-xs font-medium text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100">
                            {e.kind === "reviewed" ? "What was reviewed" : e.manifest ? "What was merged" : "What ran"}
                          </summary>
                          <pre className="mt-1 max-h-56 max-w-xl overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-950">
                            {e.ran}
                          </pre>
                        </details>
                      ) : null}
                      {e.run?.output ? (
                        <details>
                          <summary className="cursor-pointer text-xs font-medium text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100">What it printed</summary>
                          <pre className="mt-1 max-h-56 max-w-xl overflow-auto rounded-md bg-zinc-950 p-2 font-mono text-xs whitespace-pre-wrap text-zinc-100">
                            <AnsiText text={e.run.output} />
                          </pre>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
