"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/lib/cn";
import type { RenderedStep } from "@/lib/domain/content/types";
import type { StepType } from "@/lib/domain/vocabulary";
import { CodeView } from "./code-view";

/**
 * A step's content as it will run for this customer (variables filled in), with a switch to the
 * template as written; Copy and Download take what is shown. Missing values are named with where
 * to set them, and a YAML step lists the objects it applies, flagging another customer's namespace.
 */
export function StepContent({
  rendered,
  raw,
  rawHtml,
  type,
  filename,
  customerName,
  namespace,
  open = true,
}: {
  rendered: RenderedStep;
  /** Still to be done (pending or reverted): only then is a missing value something to fix. */
  open?: boolean;
  raw: string;
  rawHtml: string;
  type: StepType;
  filename: string;
  customerName: string;
  namespace: string;
}) {
  const [showRaw, setShowRaw] = useState(false);
  const renders = rendered.hasVariables && !rendered.problem;
  const asRun = renders && !showRaw;
  return (
    <div className="space-y-3" data-testid="step-content">
      {rendered.problem ? (
        <Alert tone="error" title="The variables in this step cannot be read">
          {rendered.problem}
        </Alert>
      ) : null}
      {rendered.missing.length && open ? (
        <Alert tone="warning" title={`Needs ${rendered.missing.length === 1 ? "a value" : `${rendered.missing.length} values`} before it can run for ${customerName}`}>
          <ul className="mt-1 space-y-0.5" data-testid="missing-values">
            {rendered.missing.map((m) => (
              <li key={m.name}>
                <code className="font-mono text-[13px]">{`{{ ${m.name} }}`}</code> has no value: set it in{" "}
                <Link prefetch={false} href={m.href} className="font-medium underline underline-offset-2">
                  {m.where}
                </Link>
                .
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {renders ? (
        <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          <p>{asRun ? <>Variables filled in for {customerName}.</> : <>The template as written, variables unfilled.</>}</p>
          <div role="group" aria-label="Show content" className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
            <Toggle pressed={asRun} onClick={() => setShowRaw(false)}>
              As it runs
            </Toggle>
            <Toggle pressed={!asRun} onClick={() => setShowRaw(true)}>
              Template
            </Toggle>
          </div>
        </div>
      ) : null}
      <CodeView html={asRun ? rendered.html : rawHtml} code={asRun ? rendered.content : raw} type={type} filename={filename} />
      {rendered.manifest?.length ? <ManifestObjects objects={rendered.manifest} namespace={namespace} /> : null}
    </div>
  );
}

function Toggle({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: string }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={cn(
        "rounded px-2 py-0.5 font-medium focus-visible:outline-2 focus-visible:outline-brand-500",
        pressed ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
      )}
    >
      {children}
    </button>
  );
}

function ManifestObjects({ objects, namespace }: { objects: NonNullable<RenderedStep["manifest"]>; namespace: string }) {
  const wrong = objects.filter((o) => o.wrongNamespace);
  return (
    <div className="space-y-2" data-testid="manifest-objects">
      {wrong.length ? (
        <Alert tone="error" title="Another namespace than this customer's">
          {wrong.map((o) => `${o.kind} ${o.name} names namespace ${o.namespace}`).join("; ")}, but this customer is <code className="font-mono">{namespace}</code>. Check before applying.
        </Alert>
      ) : null}
      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Objects this manifest applies ({objects.length})
        </caption>
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Kind</th>
            <th scope="col" className="py-1 pr-3 font-medium">Name</th>
            <th scope="col" className="py-1 font-medium">Namespace</th>
          </tr>
        </thead>
        <tbody className="font-mono text-[13px] text-zinc-800 dark:text-zinc-200">
          {objects.map((o, i) => (
            <tr key={i} className="border-t border-zinc-200 dark:border-zinc-800" data-wrong-namespace={o.wrongNamespace || undefined}>
              <td className="py-1 pr-3">{o.kind}</td>
              <td className="py-1 pr-3">{o.name}</td>
              <td className={cn("py-1", o.wrongNamespace && "font-semibold text-red-700 dark:text-red-300")}>
                {o.namespace ?? <span className="font-sans text-zinc-500 italic dark:text-zinc-400">not set (kubectl -n {namespace})</span>}
                {o.wrongNamespace ? <span className="sr-only"> (not this customer&apos;s namespace)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
