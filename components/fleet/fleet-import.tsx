"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { callAction } from "@/components/ui/call-action";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { ActionResult } from "@/lib/domain/action-result";
import { applyFleetImportAction, previewFleetImportAction } from "@/lib/domain/fleet/actions";
import type { FleetImportAnswer } from "@/lib/domain/fleet/types";
import { cn } from "@/lib/cn";
import { plural } from "@/lib/plural";

type Source = "fleet" | "csv" | "kubeconfig" | "namespaces";

/**
 * What the page may send in one request (the server's action body limit is 1 MB; the text goes
 * twice as JSON-escaped characters at worst). Larger files go through PUT /api/v1/fleet (10 MB).
 */
const PAGE_TEXT_MAX = 900_000;
type Failure = Extract<ActionResult<unknown>, { ok: false }>;

const sources: Array<{ value: Source; title: string; hint: ReactNode; accept: string }> = [
  { value: "fleet", title: "Fleet file", hint: <>kind: runsheet/fleet@1, YAML or JSON (Export fleet writes one)</>, accept: ".yaml,.yml,.json" },
  { value: "csv", title: "Customers CSV", hint: <>A header row with name, cluster, namespace; further columns become metadata</>, accept: ".csv,.txt,text/csv" },
  { value: "kubeconfig", title: "kubeconfig", hint: <>Each context becomes a cluster (its server URL as metadata, never a credential)</>, accept: "" },
  { value: "namespaces", title: "Namespaces", hint: <>The output of <code className="font-mono">kubectl get namespaces -o json</code></>, accept: ".json" },
];

/**
 * Bring the fleet in from the files a team has (issue 27): choose what the file is, paste or
 * choose it, see exactly what will change (field by field, and every problem by path), then apply
 * it in one transaction. Changing anything invalidates the preview: what is applied is what was seen.
 */
export function FleetImport({ clusters }: { clusters: string[] }) {
  const router = useRouter();
  const [source, setSource] = useState<Source>("fleet");
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState("");
  const [archiveMissing, setArchiveMissing] = useState(false);
  const [kubeconfigPath, setKubeconfigPath] = useState("");
  const [cluster, setCluster] = useState(clusters[0] ?? "");
  const [selector, setSelector] = useState("");
  const [nameFrom, setNameFrom] = useState<"namespace" | "label" | "annotation">("namespace");
  const [nameKey, setNameKey] = useState("");
  const [keepLabels, setKeepLabels] = useState("");
  const [preview, setPreview] = useState<FleetImportAnswer | null>(null);
  const [applied, setApplied] = useState<FleetImportAnswer | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, start] = useTransition();
  const [applying, setApplying] = useState(false);
  // Each request is numbered: an answer to an older one (the inputs changed meanwhile) is dropped,
  // so a preview on screen always describes the inputs on screen.
  const asked = useRef(0);

  const input = { source, text, archiveMissing, kubeconfigPath, cluster, selector, nameFrom, nameKey, keepLabels };
  const tooLarge = text.length > PAGE_TEXT_MAX;
  // Anything changed: the preview no longer describes what would be applied.
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    asked.current++;
    setPreview(null);
    setApplied(null);
  };
  const check = () =>
    start(async () => {
      const n = ++asked.current;
      const result = await callAction(previewFleetImportAction, input);
      if (n !== asked.current) return;
      setPreview(result.ok ? result.data : null);
      setFailure(result.ok ? null : result);
      setApplied(null);
    });
  const apply = () =>
    start(async () => {
      if (!preview) return;
      setApplying(true);
      const result = await callAction(applyFleetImportAction, { ...input, previewed: preview.digest });
      setApplying(false);
      if (!result.ok) {
        setFailure(result);
        setPreview(null);
        return;
      }
      setApplied(result.data);
      setPreview(null);
      setFailure(null);
      router.refresh();
    });

  const problems = Object.entries(failure?.fieldErrors ?? {});
  const fieldError = (key: string) => failure?.fieldErrors?.[key];
  const changes = preview ? changeCount(preview) : 0;
  const chosen = sources.find((s) => s.value === source)!;

  return (
    <div className="max-w-4xl space-y-6">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">What is the file?</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {sources.map((s) => (
            <label
              key={s.value}
              className={cn(
                "flex cursor-pointer items-start gap-2.5 rounded-lg border px-3.5 py-2.5 text-sm transition-colors",
                source === s.value
                  ? "border-brand-500 bg-brand-50 dark:border-brand-400 dark:bg-brand-500/10"
                  : "border-zinc-200 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800/60",
              )}
            >
              <input type="radio" name="fleet-source" value={s.value} checked={source === s.value} onChange={() => changed(setSource)(s.value)} className="mt-0.5 size-4 accent-brand-600" />
              <span>
                <span className="block font-medium text-zinc-900 dark:text-zinc-100">{s.title}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{s.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4">
        <Field id="fleet-file" label="Choose the file" hint={fileName ? `Read ${fileName}.` : "Or paste it below."}>
          <input
            type="file"
            accept={chosen.accept || undefined}
            className="block text-sm text-zinc-700 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium dark:text-zinc-300 dark:file:bg-zinc-800 dark:file:text-zinc-200"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              setFileName(f.name);
              changed(setText)(await f.text());
              setFailure(null);
            }}
          />
        </Field>
        <Field
          id="fleet-text"
          label="The file's text"
          error={tooLarge ? `This file is ${Math.round(text.length / 1024)} KB: the page takes up to ${Math.round(PAGE_TEXT_MAX / 1024)} KB. Import larger files with PUT /api/v1/fleet (README, "The fleet as code").` : fieldError("text")}
        >
          <Textarea rows={10} className="font-mono text-xs" value={text} onChange={(e) => changed(setText)(e.target.value)} spellCheck={false} />
        </Field>
      </div>

      {source === "kubeconfig" ? (
        <Field id="fleet-kubeconfig-path" label="Kubeconfig path" hint="Where this kubeconfig is on the hosts that run the steps (agents, people's machines), e.g. ~/.kube/config. Leave empty to set it per cluster later." error={fieldError("kubeconfigPath")}>
          <Input value={kubeconfigPath} onChange={(e) => changed(setKubeconfigPath)(e.target.value)} placeholder="~/.kube/config" autoComplete="off" />
        </Field>
      ) : null}

      {source === "namespaces" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="fleet-cluster" label="Cluster" hint="The cluster these namespaces are on." error={fieldError("cluster")}>
            <Select value={cluster} onChange={(e) => changed(setCluster)(e.target.value)}>
              {clusters.length === 0 ? <option value="">No clusters yet: import a kubeconfig first</option> : null}
              {clusters.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="fleet-selector" label="Label selector" hint="Which namespaces are customers, as kubectl -l reads it. Empty: all but Kubernetes' own." error={fieldError("selector")}>
            <Input value={selector} onChange={(e) => changed(setSelector)(e.target.value)} placeholder="tenant=true" autoComplete="off" className="font-mono" />
          </Field>
          <Field id="fleet-name-from" label="Customer name from">
            <Select value={nameFrom} onChange={(e) => changed(setNameFrom)(e.target.value as typeof nameFrom)}>
              <option value="namespace">The namespace&rsquo;s name</option>
              <option value="label">A label</option>
              <option value="annotation">An annotation</option>
            </Select>
          </Field>
          {nameFrom !== "namespace" ? (
            <Field id="fleet-name-key" label={nameFrom === "label" ? "Label" : "Annotation"} error={fieldError("nameKey")}>
              <Input value={nameKey} onChange={(e) => changed(setNameKey)(e.target.value)} placeholder={nameFrom === "label" ? "customer" : "example.com/customer-name"} autoComplete="off" className="font-mono" />
            </Field>
          ) : (
            <div className="hidden sm:block" />
          )}
          <Field id="fleet-keep-labels" label="Labels to keep as metadata" hint="Comma-separated, e.g. tier, region." error={fieldError("keepLabels")}>
            <Input value={keepLabels} onChange={(e) => changed(setKeepLabels)(e.target.value)} placeholder="tier, region" autoComplete="off" className="font-mono" />
          </Field>
        </div>
      ) : null}

      {source !== "kubeconfig" ? (
        <label className="flex items-start gap-2.5 text-sm">
          <input type="checkbox" checked={archiveMissing} onChange={(e) => changed(setArchiveMissing)(e.target.checked)} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
          <span>
            <span className="font-medium text-zinc-800 dark:text-zinc-200">Archive customers missing from the {source === "namespaces" ? "list" : "file"}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              {source === "namespaces" ? `Active customers on ${cluster || "the cluster"} whose namespace is not listed.` : "Active customers the file does not list."} Unticked, they are kept as they are.
            </span>
          </span>
        </label>
      ) : null}

      {failure ? (
        <Alert tone="error" title="The file cannot be imported as it is">
          <p>{failure.message}</p>
          {problems.length > 1 ? (
            <ul className="mt-2 max-h-72 list-disc space-y-0.5 overflow-auto pl-5" data-testid="fleet-problems">
              {problems.slice(0, 200).map(([path, messages]) => (
                <li key={path}>
                  <code className="font-mono text-xs">{path}</code>: {messages.join(" ")}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}

      {preview ? <FleetPreview answer={preview} /> : null}

      {applying ? (
        <div role="status" aria-live="polite" className="space-y-2 rounded-lg border border-zinc-200 px-4 py-3 text-sm dark:border-zinc-700">
          <p className="font-medium text-zinc-800 dark:text-zinc-200">Applying {plural(changes, "change")} in one transaction…</p>
          <div className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
            <div className="h-full w-1/3 animate-[fleet-progress_1.2s_ease-in-out_infinite] rounded-full bg-brand-500 motion-reduce:w-full motion-reduce:animate-none" />
          </div>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">All or nothing: if anything is refused, nothing is written.</p>
        </div>
      ) : null}

      {applied ? (
        <Alert tone="success" title="The fleet is imported">
          <p data-testid="fleet-applied">{appliedSentence(applied)}</p>
          <p className="mt-1">
            <a href="/clusters" className="font-medium underline">Clusters</a> · <a href="/customers" className="font-medium underline">Customers</a>
          </p>
        </Alert>
      ) : null}

      <div className="flex flex-wrap items-center gap-2 border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <Button variant="secondary" onClick={check} disabled={pending || !text.trim() || tooLarge}>
          {pending && !applying ? "Checking…" : "Preview"}
        </Button>
        <Button onClick={apply} disabled={pending || !preview || changes === 0}>
          {preview ? (changes ? `Apply ${plural(changes, "change")}` : "Nothing to apply") : "Apply"}
        </Button>
        <ButtonLink href="/clusters" variant="ghost">
          Cancel
        </ButtonLink>
        {!preview && text.trim() && !applied ? <span className="text-xs text-zinc-500 dark:text-zinc-400">Preview first: you see every change before it happens.</span> : null}
      </div>
    </div>
  );
}

function changeCount(a: FleetImportAnswer): number {
  const p = a.plan;
  return p.clusters.create.length + p.clusters.update.length + p.customers.create.length + p.customers.update.length + p.customers.archive.length + p.customers.restore.length;
}

function appliedSentence(a: FleetImportAnswer): string {
  const p = a.plan;
  const parts = [
    p.clusters.create.length ? `${plural(p.clusters.create.length, "cluster")} created` : "",
    p.clusters.update.length ? `${plural(p.clusters.update.length, "cluster")} updated` : "",
    p.customers.create.length ? `${plural(p.customers.create.length, "customer")} created` : "",
    p.customers.update.length ? `${plural(p.customers.update.length, "customer")} updated` : "",
    p.customers.archive.length ? `${plural(p.customers.archive.length, "customer")} archived` : "",
    p.customers.restore.length ? `${plural(p.customers.restore.length, "customer")} restored` : "",
    a.stepsCreated ? `${plural(a.stepsCreated, "step")} created in active releases` : "",
  ].filter(Boolean);
  return parts.length ? `${parts.join(", ")}.` : "Nothing changed: Runsheet already matches the file.";
}

const SHOWN = 50;

/** Exactly what applying would change: counts first, then every change, field by field. */
function FleetPreview({ answer }: { answer: FleetImportAnswer }) {
  const p = answer.plan;
  const newCustomers = p.customers.create.length + p.customers.restore.length;
  const tiles: Array<[string, number, string]> = [
    ["Clusters to create", p.clusters.create.length, "text-emerald-700 dark:text-emerald-400"],
    ["Clusters to update", p.clusters.update.length, "text-sky-700 dark:text-sky-400"],
    ["Customers to create", p.customers.create.length, "text-emerald-700 dark:text-emerald-400"],
    ["Customers to update", p.customers.update.length, "text-sky-700 dark:text-sky-400"],
    ["To archive", p.customers.archive.length, "text-amber-700 dark:text-amber-400"],
    ["To restore", p.customers.restore.length, "text-emerald-700 dark:text-emerald-400"],
  ];
  const moved = p.customers.update.filter((u) => u.moved);
  return (
    <section aria-label="What will change" data-testid="fleet-preview" className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="border-b border-zinc-200 px-5 py-3.5 dark:border-zinc-800">
        <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">What will change</h2>
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          {changeCount(answer) === 0
            ? "Nothing: Runsheet already matches this file."
            : `Applied in one transaction: all of it, or nothing. ${plural(p.customers.unchanged + p.customers.keptMissing.length, "customer")} and ${plural(p.clusters.unchanged + p.clusters.notInFile.length, "cluster")} stay as they are.`}
        </p>
      </div>
      <dl className="grid grid-cols-2 divide-x divide-y divide-zinc-200 border-b border-zinc-200 sm:grid-cols-3 lg:grid-cols-6 dark:divide-zinc-800 dark:border-zinc-800">
        {tiles.map(([label, n, tone]) => (
          <div key={label} className="px-4 py-3">
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd className={cn("text-xl font-semibold tabular-nums", n ? tone : "text-zinc-400 dark:text-zinc-600")}>{n}</dd>
          </div>
        ))}
      </dl>
      <div className="space-y-4 px-5 py-4 text-sm text-zinc-800 dark:text-zinc-200">
        {newCustomers && answer.joins.length ? (
          <p data-testid="fleet-joins">
            {answer.joins
              .map((j) => `${plural(newCustomers, "new customer")} will get the ${plural(j.steps, "step")} of ${j.name}`)
              .join("; ")}
            .
          </p>
        ) : null}
        {moved.length ? (
          <Alert tone="warning" title={`${plural(moved.length, "customer")} will move to another cluster`}>
            Their scripts run against the new cluster (and its kubeconfig) from then on; their queued agent runs are cancelled. {moved.slice(0, 5).map((m) => m.name).join(", ")}
            {moved.length > 5 ? ", …" : ""}
          </Alert>
        ) : null}
        {p.customers.keptMissing.length ? (
          <p className="text-zinc-600 dark:text-zinc-400">
            {plural(p.customers.keptMissing.length, "active customer")} {p.customers.keptMissing.length === 1 ? "is" : "are"} not in the file and will be kept (tick &ldquo;archive customers missing&rdquo; to archive {p.customers.keptMissing.length === 1 ? "it" : "them"}):{" "}
            {p.customers.keptMissing.slice(0, 8).map((c) => c.name).join(", ")}
            {p.customers.keptMissing.length > 8 ? ", …" : ""}.
          </p>
        ) : null}
        {answer.notes.map((n) => (
          <p key={n} className="text-xs text-zinc-500 dark:text-zinc-400">
            {n}
          </p>
        ))}
        <ChangeList title="Clusters to create" items={p.clusters.create.map((c) => ({ key: c.name, label: c.name, detail: [c.kubeconfigPath ?? "", ...Object.entries(c.metadata).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(" · ") }))} />
        <ChangeList title="Clusters to update" items={p.clusters.update.map((c) => ({ key: c.name, label: c.name, changes: c.changes }))} />
        <ChangeList title="Customers to create" items={p.customers.create.map((c) => ({ key: c.name, label: c.name, detail: `${c.cluster}/${c.namespace}` }))} />
        <ChangeList title="Customers to update" items={p.customers.update.map((c) => ({ key: c.name, label: c.name, changes: c.changes }))} />
        <ChangeList title="Customers to archive" items={p.customers.archive.map((c) => ({ key: c.name, label: c.name, detail: `${c.cluster} · ${c.why}` }))} />
        <ChangeList title="Customers to restore" items={p.customers.restore.map((c) => ({ key: c.name, label: c.name, detail: c.cluster }))} />
      </div>
    </section>
  );
}

function ChangeList({ title, items }: { title: string; items: Array<{ key: string; label: string; detail?: string; changes?: Array<{ field: string; from: string; to: string }> }> }) {
  if (items.length === 0) return null;
  return (
    <details open={items.length <= 10} className="group">
      <summary className="cursor-pointer text-sm font-medium text-zinc-900 dark:text-zinc-100">
        {title} ({items.length})
      </summary>
      <ul className="mt-2 divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {items.slice(0, SHOWN).map((i) => (
          <li key={i.key} className="px-3 py-2">
            <span className="font-medium">{i.label}</span>
            {i.detail ? <span className="ml-2 font-mono text-xs text-zinc-500 dark:text-zinc-400">{i.detail}</span> : null}
            {i.changes?.length ? (
              <ul className="mt-1 space-y-0.5 text-xs">
                {i.changes.map((c) => (
                  <li key={c.field} className="break-words">
                    <span className="text-zinc-500 dark:text-zinc-400">{c.field}:</span> <del className="text-red-700 decoration-red-400 dark:text-red-400">{c.from || "(empty)"}</del> →{" "}
                    <ins className="text-emerald-700 no-underline dark:text-emerald-400">{c.to || "(empty)"}</ins>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
        {items.length > SHOWN ? <li className="px-3 py-2 text-xs text-zinc-500 dark:text-zinc-400">…and {items.length - SHOWN} more.</li> : null}
      </ul>
    </details>
  );
}
