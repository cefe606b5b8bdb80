"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Input } from "./input";

/**
 * Editable key/value pairs (region, API endpoint…). Submits as repeated `metaKey[]` and
 * `metaValue[]` fields, which the input schemas turn into an object.
 */
export function MetadataEditor({
  initial,
  error,
  suggestions = ["region", "api_endpoint"],
  legend = "Metadata",
  hint,
}: {
  initial: Record<string, string>;
  error?: string[];
  suggestions?: string[];
  legend?: string;
  /** What the keys are for, e.g. the variables they become in step content. */
  hint?: ReactNode;
}) {
  const start = Object.entries(initial);
  const [rows, setRows] = useState<Array<{ id: number; key: string; value: string }>>(
    (start.length ? start : suggestions.map((k) => [k, ""] as [string, string])).map(([key, value], id) => ({ id, key, value })),
  );
  const [nextId, setNextId] = useState(rows.length);

  return (
    <fieldset className="space-y-2">
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{legend}</legend>
      {hint ? <p className="-mt-1 text-xs text-zinc-500 dark:text-zinc-400">{hint}</p> : null}
      {rows.map((row, index) => (
        <div key={row.id} className="flex gap-2">
          <Input
            name="metaKey[]"
            aria-label={`Metadata key ${index + 1}`}
            placeholder="key"
            defaultValue={row.key}
            className="min-w-0 basis-2/5 font-mono"
          />
          <Input
            name="metaValue[]"
            aria-label={`Metadata value ${index + 1}`}
            placeholder="value"
            defaultValue={row.value}
            className="min-w-0 flex-1"
          />
          <Button
            variant="ghost"
            size="sm"
            className="h-9"
            aria-label={`Remove metadata row ${index + 1}`}
            onClick={() => setRows((r) => r.filter((x) => x.id !== row.id))}
          >
            ✕
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          setRows((r) => [...r, { id: nextId, key: "", value: "" }]);
          setNextId((n) => n + 1);
        }}
      >
        + Add field
      </Button>
      {error?.length ? (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error[0]}
        </p>
      ) : null}
    </fieldset>
  );
}
