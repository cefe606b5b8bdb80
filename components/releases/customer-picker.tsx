"use client";

import { useId, useMemo, useState } from "react";
import { Input, Select } from "@/components/ui/input";
import type { ReleaseCustomer } from "@/lib/domain/releases/types";

type Pickable = Pick<ReleaseCustomer, "id" | "name" | "namespace" | "clusterId" | "clusterName" | "labels">;

const labelKey = (k: string, v: string) => `${k}=${v}`;

/**
 * Choosing customers for a hotfix or onboarding (spec 7.3): a search over name, namespace, cluster
 * and labels, whole clusters or every customer with a label in one go. The selection is submitted
 * as hidden `customerIds` fields, so customers filtered out of view stay chosen.
 */
export function CustomerPicker({
  customers,
  selected,
  onChange,
}: {
  customers: Pickable[];
  selected: Set<number>;
  onChange: (next: Set<number>) => void;
}) {
  const searchId = useId();
  const [query, setQuery] = useState("");
  const labels = useMemo(() => {
    const all = new Map<string, { key: string; value: string; count: number }>();
    for (const c of customers) {
      for (const [key, value] of Object.entries(c.labels)) {
        const k = labelKey(key, value);
        all.set(k, { key, value, count: (all.get(k)?.count ?? 0) + 1 });
      }
    }
    return [...all.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [customers]);

  const needle = query.trim().toLowerCase();
  const shown = needle
    ? customers.filter((c) =>
        [c.name, c.namespace, c.clusterName, ...Object.entries(c.labels).map(([k, v]) => `${k} ${v} ${k}=${v}`)].some((s) =>
          s.toLowerCase().includes(needle),
        ),
      )
    : customers;
  const groups = new Map<number, { name: string; customers: Pickable[] }>();
  for (const c of shown) {
    const g = groups.get(c.clusterId) ?? { name: c.clusterName, customers: [] };
    g.customers.push(c);
    groups.set(c.clusterId, g);
  }

  const withAll = (ids: number[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };

  return (
    <div className="space-y-2" data-testid="customer-picker">
      <div className="flex flex-wrap gap-2">
        <label htmlFor={searchId} className="sr-only">
          Search customers
        </label>
        <Input
          id={searchId}
          type="search"
          placeholder="Search name, namespace, cluster or label"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          // Enter filters; it must not submit the dialog half-chosen.
          onKeyDown={(e) => {
            if (e.key === "Enter") e.preventDefault();
          }}
          className="min-w-0 flex-1 basis-48"
        />
        {labels.length ? (
          <Select
            aria-label="Select every customer with a label"
            value=""
            onChange={(e) => {
              const [key, ...rest] = e.target.value.split("=");
              const value = rest.join("=");
              if (!key) return;
              withAll(
                customers.filter((c) => c.labels[key] === value).map((c) => c.id),
                true,
              );
            }}
            className="w-auto flex-none"
          >
            <option value="">Select by label…</option>
            {labels.map(([k, l]) => (
              <option key={k} value={k}>
                {l.key} = {l.value} ({l.count})
              </option>
            ))}
          </Select>
        ) : null}
      </div>

      <div className="flex items-center justify-between text-xs text-zinc-600 dark:text-zinc-400">
        <span aria-live="polite">
          {selected.size} of {customers.length} selected{needle ? ` · ${shown.length} shown` : ""}
        </span>
        <span className="flex gap-3">
          <button type="button" className="font-medium text-brand-700 hover:underline dark:text-brand-300" onClick={() => withAll(shown.map((c) => c.id), true)}>
            Select {needle ? "shown" : "all"}
          </button>
          <button type="button" className="font-medium text-brand-700 hover:underline dark:text-brand-300" onClick={() => onChange(new Set())}>
            Clear
          </button>
        </span>
      </div>

      <div className="max-h-64 space-y-3 overflow-y-auto rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
        {groups.size === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No customer matches “{query.trim()}”.</p> : null}
        {[...groups.entries()].map(([clusterId, g]) => {
          const ids = g.customers.map((c) => c.id);
          const all = ids.every((id) => selected.has(id));
          return (
            <fieldset key={clusterId}>
              <legend className="flex w-full items-center justify-between gap-2">
                <span className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{g.name}</span>
                <button
                  type="button"
                  className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-300"
                  onClick={() => withAll(ids, !all)}
                  aria-label={`${all ? "Clear" : "Select"} ${needle ? "shown customers in" : "every customer in"} ${g.name}`}
                >
                  {all ? "Clear cluster" : "Select cluster"}
                </button>
              </legend>
              <div className="mt-1 space-y-0.5">
                {g.customers.map((c) => (
                  <label
                    key={c.id}
                    className="flex cursor-pointer flex-wrap items-center gap-x-2 rounded px-1 py-1 text-sm text-zinc-800 hover:bg-zinc-50 dark:text-zinc-200 dark:hover:bg-zinc-800"
                  >
                    <input type="checkbox" checked={selected.has(c.id)} onChange={() => withAll([c.id], !selected.has(c.id))} className="accent-brand-600" />
                    <span className="min-w-0 break-words">{c.name}</span>
                    <span className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{c.namespace}</span>
                    {Object.entries(c.labels).map(([k, v]) => (
                      <span key={k} className="rounded bg-zinc-100 px-1.5 text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                        {k}={v}
                      </span>
                    ))}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
      {[...selected].map((id) => (
        <input key={id} type="hidden" name="customerIds" value={id} />
      ))}
    </div>
  );
}
