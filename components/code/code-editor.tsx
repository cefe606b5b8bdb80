"use client";

import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import { cn } from "@/lib/cn";
import type { StepType } from "@/lib/domain/vocabulary";
import type { EditorHandle } from "./code-editor-setup";

const plain =
  "block w-full rounded-md border bg-white px-3 py-2 font-mono text-[13px] leading-6 text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-500 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500";
const border = (invalid?: boolean) => (invalid ? "border-red-500 dark:border-red-500" : "border-zinc-300 dark:border-zinc-700");

/**
 * Step content with line numbers, highlighting for the step's type and, for YAML, the syntax
 * errors a save would be refused for, underlined as you type. Inside a <Field>, which sets `id`,
 * `aria-describedby` and `invalid`; the field's label (`<id>-label`) names the editor.
 *
 * The form submits a textarea named `name`. Until CodeMirror has loaded in the browser (and on
 * the server, and if it never loads) that textarea is the field itself, with the same value, so
 * the form works before hydration. Then the editor takes over and the textarea follows it out of
 * sight: not hidden (`display: none`), so that a script filling the textarea (a test, a browser
 * extension) still can, and the editor takes what it was given.
 */
export function CodeEditor({
  name,
  defaultValue,
  language,
  id,
  labelId = id ? `${id}-label` : undefined,
  "aria-describedby": describedBy,
  invalid,
  placeholder,
  rows = 10,
}: {
  name: string;
  defaultValue?: string;
  /** Follows the form's Type select. */
  language: StepType;
  id?: string;
  labelId?: string;
  "aria-describedby"?: string;
  invalid?: boolean;
  placeholder?: string;
  rows?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const [ready, setReady] = useState(false);
  const keysId = id ? `${id}-keys` : undefined;
  const initial = useRef({ language, placeholder });
  useLayoutEffect(() => {
    initial.current = { language, placeholder };
  });

  // CodeMirror touches the DOM: it is loaded and mounted only here, in the browser.
  useEffect(() => {
    let cancelled = false;
    let handle: EditorHandle | undefined;
    import("./code-editor-setup").then(
      ({ mountEditor }) => {
        if (cancelled || !host.current || !field.current) return;
        // No id or label yet: until the next commit the textarea still has them.
        handle = mountEditor(host.current, field.current, { ...initial.current, attributes: {} });
        editor.current = handle;
        setReady(true);
      },
      () => {
        // The plain textarea stays, and the form works without the editor.
      },
    );
    return () => {
      cancelled = true;
      handle?.destroy();
      editor.current = null;
      setReady(false);
    };
  }, []);

  // In the commit that moved id and label from the textarea to the editor (and on every later
  // change), so a label never names both.
  useLayoutEffect(() => {
    if (!ready) return;
    const attributes: Record<string, string> = {};
    if (id) attributes.id = id;
    if (labelId) attributes["aria-labelledby"] = labelId;
    const described = [describedBy, keysId].filter(Boolean).join(" ");
    if (described) attributes["aria-describedby"] = described;
    if (invalid) attributes["aria-invalid"] = "true";
    editor.current?.configure({ language, placeholder, attributes });
  }, [ready, language, placeholder, id, labelId, describedBy, keysId, invalid]);

  // Whoever had focus in the textarea (a dialog's first field) keeps it, and their selection.
  useLayoutEffect(() => {
    if (!ready || !field.current) return;
    editor.current?.measure();
    if (document.activeElement === field.current) editor.current?.focus(field.current.selectionStart, field.current.selectionEnd);
  }, [ready]);

  return (
    // The first Escape stays in the editor (dialog.tsx), also while its textarea stands in for it.
    <div className="relative" data-keeps-escape="">
      <div
        ref={host}
        hidden={!ready}
        style={{ "--cm-min-height": `${rows * 1.5 + 1}rem` } as CSSProperties}
        className={cn(
          "overflow-hidden rounded-md border shadow-sm focus-within:outline-2 focus-within:outline-offset-0 focus-within:outline-brand-500",
          border(invalid),
        )}
      />
      <textarea
        ref={field}
        name={name}
        defaultValue={defaultValue}
        rows={rows}
        spellCheck={false}
        {...(ready
          ? { "aria-hidden": true, tabIndex: -1, className: "sr-only" }
          : { id, placeholder, "aria-describedby": describedBy, "aria-invalid": invalid || undefined, className: cn(plain, border(invalid)) })}
      />
      {ready ? (
        <p id={keysId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Tab indents. To leave the editor, press Esc, then Tab.
        </p>
      ) : null}
    </div>
  );
}
