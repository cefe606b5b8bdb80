import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { auditEntityTypes, type AuditRow } from "@/lib/domain/audit/types";
import { Time, ZoneName } from "@/components/ui/time";

function tone(action: string): Tone {
  if (action.startsWith("session.")) return "neutral";
  if (/\.(create|activate|enable|add)/.test(action)) return "green";
  if (/\.(disable|archive|remove|delete|revert)/.test(action)) return "red";
  return "blue";
}

function Changes({ before, after }: Pick<AuditRow, "before" | "after">) {
  if (!before && !after) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200">Details</summary>
      <div className="mt-1 grid gap-2 sm:grid-cols-2">
        {[["Before", before], ["After", after]].map(([label, value]) =>
          value ? (
            <div key={String(label)}>
              <div className="font-medium text-zinc-500 dark:text-zinc-400">{String(label)}</div>
              <pre className="mt-0.5 overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-[11px] text-zinc-700 dark:bg-zinc-950 dark:text-zinc-300">
                {JSON.stringify(value, null, 2)}
              </pre>
            </div>
          ) : null,
        )}
      </div>
    </details>
  );
}

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";

export function AuditTable({ rows, filtered }: { rows: AuditRow[]; filtered: boolean }) {
  if (rows.length === 0) {
    return (
      <div className="p-5">
        <EmptyState title={filtered ? "Nothing matches these filters" : "Nothing recorded yet"}>
          {filtered ? "Widen the date range or clear a filter." : "Every change anyone makes appears here, newest first."}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Time <span className="font-normal normal-case tracking-normal">(<ZoneName />)</span></th>
            <th scope="col" className={th}>Actor</th>
            <th scope="col" className={th}>Action</th>
            <th scope="col" className={th}>Entity</th>
            <th scope="col" className={th}>Summary</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="px-4 py-2.5 text-zinc-700 dark:text-zinc-300"><Time value={r.createdAt} withAbsolute /></td>
              <td className="px-4 py-2.5 font-medium whitespace-nowrap text-zinc-900 dark:text-zinc-100">{r.actorName}</td>
              <td className="px-4 py-2.5"><Badge tone={tone(r.action)} className="font-mono">{r.action}</Badge></td>
              <td className="px-4 py-2.5 whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                {auditEntityTypes[r.entityType as keyof typeof auditEntityTypes] ?? r.entityType}{" "}
                {/* A session row's id is its user's, who is already the actor. */}
                {r.entityType === "session" || r.entityType === "fleet" ? null : <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">#{r.entityId}</span>}
              </td>
              <td className="px-4 py-2.5 text-zinc-700 dark:text-zinc-300">
                {r.summary}
                <Changes before={r.before} after={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
