"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { DialogCloseButton } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { PaletteListbox } from "./palette-listbox";
import { toGroups, type PaletteOption } from "./palette-options";
import { usePaletteSearch } from "./use-palette-search";
import { usePaletteShortcuts } from "./use-palette-shortcuts";

const kbd = "rounded border border-zinc-300 bg-zinc-50 px-1 font-sans text-[11px] text-zinc-600 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300";

const noSubscription = () => () => {};

/** "⌘K" on Apple keyboards, "Ctrl K" elsewhere (the server, not knowing, says ⌘K). */
function useShortcutLabel() {
  const apple = useSyncExternalStore(
    noSubscription,
    () => /Mac|iPhone|iPad/.test(navigator.userAgent),
    () => true,
  );
  return apple ? "⌘K" : "Ctrl K";
}

/**
 * Finding things (issue "First hour"): a search over customers (name or namespace), clusters,
 * releases (name or version) and template steps, opened with Ctrl+K / ⌘K anywhere, "/" outside a
 * text field, or the header's button. Typing searches after a short pause; ↑/↓ move through the
 * results across groups, Enter opens one, Esc closes. Mounted once, in the app shell.
 */
export function CommandPalette() {
  const router = useRouter();
  const ids = useId();
  const listboxId = `${ids}-listbox`;
  const hintId = `${ids}-hint`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [activeIndex, setActiveIndex] = useState(0);
  const q = query.trim();
  // Each new answer starts again at its first result.
  const toFirst = useCallback(() => setActiveIndex(0), []);
  const { answer, reset } = usePaletteSearch(q, open, toFirst);
  const input = useRef<HTMLInputElement>(null);
  /** Where focus was when a shortcut opened the palette: it goes back there on Esc. */
  const returnFocus = useRef<HTMLElement | null>(null);
  const shortcut = useShortcutLabel();

  const onOpenChange = useCallback(
    (next: boolean) => {
      setOpen(next);
      if (!next) {
        setQuery("");
        reset();
        setActiveIndex(0);
      }
    },
    [reset],
  );
  const show = useCallback(() => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  }, []);
  const hide = useCallback(() => onOpenChange(false), [onOpenChange]);
  usePaletteShortcuts({ open, show, hide });

  // While the next answer is on its way the last one stays on screen (dimmed), so the list does
  // not flicker with every key.
  const busy = q !== "" && answer?.q !== q;
  const results = q && answer && "results" in answer ? answer.results : null;
  const groups = results ? toGroups(results) : [];
  const options = groups.flatMap((g) => g.options);
  const active = options.length ? options[Math.min(activeIndex, options.length - 1)] : undefined;
  const more = groups.some((g) => g.more);

  const activeId = active?.id;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  const choose = (option: PaletteOption) => {
    returnFocus.current = null;
    onOpenChange(false);
    router.push(option.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!options.length || !active) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActiveIndex((active.index + step + options.length) % options.length);
    } else if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (active) choose(active);
    }
  };

  const status = !q
    ? ""
    : answer && "error" in answer && !busy
      ? ""
      : options.length
        ? `${options.length} ${options.length === 1 ? "result" : "results"}${more ? "; type more to narrow" : ""}`
        : busy
          ? "Searching…"
          : "No matches";

  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Trigger asChild>
        <button
          type="button"
          aria-keyshortcuts="Control+K Meta+K /"
          aria-label="Search"
          className="inline-flex h-8 items-center gap-2 rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-600 shadow-sm transition-colors hover:bg-zinc-50 hover:text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <SearchIcon />
          <span className="hidden sm:inline">Search…</span>
          <kbd aria-hidden className={`hidden sm:inline ${kbd}`}>
            {shortcut}
          </kbd>
        </button>
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/40 backdrop-blur-[1px]" />
        <RadixDialog.Content
          className="fixed top-[10vh] left-1/2 z-50 flex max-h-[80vh] w-[calc(100%-2rem)] max-w-xl -translate-x-1/2 flex-col overflow-hidden rounded-xl bg-white shadow-xl ring-1 ring-zinc-200 focus:outline-none dark:bg-zinc-900 dark:ring-zinc-800"
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            input.current?.focus();
          }}
          onCloseAutoFocus={(event) => {
            // Back where the shortcut was pressed; otherwise Radix's default, the header button.
            const target = returnFocus.current;
            returnFocus.current = null;
            if (target && target.isConnected && target !== document.body) {
              event.preventDefault();
              target.focus();
            }
          }}
        >
          <RadixDialog.Title className="sr-only">Search</RadixDialog.Title>
          <RadixDialog.Description className="sr-only">
            Find customers by name or namespace, clusters by name, releases by name or version, and template steps by name.
          </RadixDialog.Description>
          <div className="flex items-center gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
            <SearchIcon />
            <Input
              ref={input}
              type="text"
              role="combobox"
              aria-label="Search customers, namespaces, clusters, releases and template steps"
              aria-autocomplete="list"
              aria-expanded={options.length > 0}
              aria-controls={options.length > 0 ? listboxId : undefined}
              aria-activedescendant={activeId}
              aria-describedby={hintId}
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
              placeholder="Customer, namespace, cluster, release or step…"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onKeyDown}
              className="flex-1"
            />
            <DialogCloseButton />
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
            {options.length ? (
              <PaletteListbox id={listboxId} groups={groups} activeId={activeId} busy={busy} onHover={setActiveIndex} onChoose={choose} />
            ) : null}
            {answer && "error" in answer && !busy ? (
              <p role="alert" className="px-4 py-6 text-center text-sm text-red-700 dark:text-red-300">
                {answer.error}
              </p>
            ) : null}
            <p
              role="status"
              className={
                status && !options.length ? "px-4 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400" : "sr-only"
              }
            >
              {status}
            </p>
          </div>
          <p
            id={hintId}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
          >
            <span>
              <kbd className={kbd}>↑</kbd> <kbd className={kbd}>↓</kbd> to move
            </span>
            <span>
              <kbd className={kbd}>Enter</kbd> to open
            </span>
            <span>
              <kbd className={kbd}>Esc</kbd> to close
            </span>
            <span>
              <kbd className={kbd}>{shortcut}</kbd> or <kbd className={kbd}>/</kbd> to search from anywhere
            </span>
          </p>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function SearchIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-zinc-500 dark:text-zinc-400" aria-hidden>
      <path
        fillRule="evenodd"
        d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
