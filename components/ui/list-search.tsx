"use client";

import Form from "next/form";
import { useState } from "react";
import { Button, ButtonLink } from "./button";
import { Input } from "./input";

/**
 * A list's search field: a GET form whose text lands in `?q=`, so the search survives a reload and
 * can be shared, and the list's other filters ride along as hidden fields. Marked
 * `data-page-search`, so `/` focuses it (the command palette's shortcut defers to it). Submitting
 * with Enter (or the button) searches; "Clear" drops the text and keeps the other filters.
 */
export function ListSearch({
  action,
  id,
  label,
  placeholder,
  value,
  keep,
  clearHref,
}: {
  /** The list's path, e.g. "/customers". */
  action: string;
  id: string;
  label: string;
  placeholder?: string;
  /** The search in the URL now. */
  value?: string;
  /** The list's other filters, kept when searching. */
  keep: Record<string, string | number | undefined>;
  /** The list without the search, with the other filters. */
  clearHref: string;
}) {
  const current = value ?? "";
  const [text, setText] = useState(current);
  // In step with the URL (back button, "Clear"), without remounting the field (focus stays).
  const [seen, setSeen] = useState(current);
  if (seen !== current) {
    setSeen(current);
    setText(current);
  }
  return (
    <Form action={action} role="search" className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <Input
        id={id}
        type="search"
        // An empty search is not sent, so the URL carries no empty `q=`.
        name={text.trim() ? "q" : undefined}
        data-page-search
        aria-keyshortcuts="/"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={placeholder}
        maxLength={100}
        autoComplete="off"
        className="w-60"
      />
      {Object.entries(keep).map(([name, v]) => (v === undefined ? null : <input key={name} type="hidden" name={name} value={v} />))}
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {value ? (
        <ButtonLink href={clearHref} variant="ghost">
          Clear search
        </ButtonLink>
      ) : null}
    </Form>
  );
}
