import { DiffView } from "@/components/steps/diff-view";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { PublishFile } from "@/lib/domain/manifests/types";

const changeWords = { added: "New file", changed: "Changed", unchanged: "No change" } as const;
const objectMark = { added: "+", changed: "~", removed: "−", unchanged: "=" } as const;
const objectTone = {
  added: "bg-emerald-50 text-emerald-900 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-500/30",
  changed: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-500/30",
  removed: "bg-rose-50 text-rose-900 ring-rose-200 dark:bg-rose-500/10 dark:text-rose-200 dark:ring-rose-500/30",
  unchanged: "bg-zinc-50 text-zinc-700 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-400 dark:ring-zinc-700",
} as const;

/** One customer's file in the merge view: where it goes, the objects it adds/changes/removes, the diff. */
export function PublishFileCard({ file, target }: { file: PublishFile; target: string }) {
  return (
    <Card data-testid="publish-file">
      <div className="flex flex-wrap items-start justify-between gap-2 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <div className="min-w-0">
          <p className="font-mono text-sm break-all text-zinc-900 dark:text-zinc-100">{file.path}</p>
          <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            {file.customer.name} · {file.customer.cluster}/{file.customer.namespace} · {file.stepName}
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          <Badge tone={file.change === "unchanged" ? "neutral" : "blue"}>{changeWords[file.change]}</Badge>
          {file.conflict ? <Badge tone="red">Conflict with {target}</Badge> : null}
          {file.stale ? <Badge tone="amber">Step changed since publish</Badge> : null}
          {file.drifted ? <Badge tone="amber">Changed in the repository</Badge> : null}
          {file.stepStatus === "done" ? <Badge tone="green">Done</Badge> : null}
        </div>
      </div>
      <div className="space-y-3 px-5 py-4">
        {file.wrongNamespace ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-200" role="alert">
            An object names a namespace other than {file.customer.namespace}: this file would change another customer.
          </p>
        ) : null}
        {file.objects === null ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">The objects could not be read (the YAML does not parse); the text diff shows the change.</p>
        ) : file.objects.length ? (
          <ul className="flex flex-wrap gap-1.5" aria-label={`Objects in ${file.path}`}>
            {file.objects.map((o) => (
              <li key={`${o.kind}/${o.namespace ?? ""}/${o.name}/${o.change}`} className={`rounded px-1.5 py-0.5 font-mono text-xs ring-1 ${objectTone[o.change]} ${o.wrongNamespace ? "!ring-red-500" : ""}`}>
                <span aria-hidden>{objectMark[o.change]} </span>
                <span className="sr-only">{o.change}: </span>
                {o.kind}/{o.name}
                {o.namespace ? <span className="text-zinc-500 dark:text-zinc-400"> ({o.namespace})</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {file.change === "unchanged" ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{target} already holds exactly this file.</p>
        ) : (
          <DiffView parts={file.diff} removed={file.before === null ? "not in the repository yet" : `only on ${target}`} added="what the merge writes" />
        )}
      </div>
    </Card>
  );
}
