import Link from "next/link";
import { AverageBar } from "@/components/progress/progress-view";
import type { ReleaseListItem } from "@/lib/domain/releases/types";
import { ReleaseStatusBadge, ReleaseTypeBadge } from "./release-badges";
import { TargetDate } from "@/components/ui/target-date";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";
const td = "px-4 py-3 align-middle";

export function ReleaseTable({ releases }: { releases: ReleaseListItem[] }) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            <th scope="col" className={th}>Release</th>
            <th scope="col" className={th}>Type</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Target date</th>
            <th scope="col" className={th}>Template steps</th>
            <th scope="col" className={th}>Customers</th>
            <th scope="col" className={`${th} w-56`} title="The average of each customer's share of done steps (spec 8.2)">Progress</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {releases.map((r) => (
            <tr key={r.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <td className={td}>
                <Link href={`/releases/${r.id}`} className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100">
                  {r.name}
                </Link>
                {r.versionNumber && r.versionNumber !== r.name ? (
                  <div className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{r.versionNumber}</div>
                ) : null}
              </td>
              <td className={td}>
                <ReleaseTypeBadge type={r.type} />
              </td>
              <td className={td}>
                <ReleaseStatusBadge status={r.status} />
              </td>
              <td className={`${td} whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300`}>
                {r.releaseDate ? (
                  <TargetDate value={r.releaseDate} workLeft={r.status !== "archived" && r.stepsTotal > r.stepsDone + r.stepsSkipped} withLabel={false} />
                ) : (
                  "—"
                )}
              </td>
              <td className={`${td} whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300`}>
                {r.deploySteps} deploy · {r.verifySteps} verify
              </td>
              <td className={`${td} whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300`}>
                {r.status === "draft" ? (
                  <span className="text-zinc-500 dark:text-zinc-400">not activated</span>
                ) : (
                  <>
                    {r.customers}
                    {r.excluded ? <span className="text-zinc-500 dark:text-zinc-400"> · {r.excluded} left out</span> : null}
                  </>
                )}
              </td>
              <td className={td}>
                {r.progress.all.customers > 0 ? (
                  <div>
                    <AverageBar average={r.progress.all} label={`${r.name}: overall progress`} />
                    <div className="mt-0.5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                      {r.progress.all.completeCustomers} of {r.progress.all.customers} customers complete
                    </div>
                  </div>
                ) : (
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
