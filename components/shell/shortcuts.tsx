"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { DialogContent, DialogRoot } from "@/components/ui/dialog";
import { isTextField, modalOpen } from "./keyboard";
import { setSingleKeys, singleKeysOn } from "./single-keys";

/** "g" then a letter: where it goes. */
const destinations: Record<string, { href: string; label: string }> = {
  d: { href: "/", label: "Dashboard" },
  r: { href: "/releases", label: "Releases" },
  c: { href: "/customers", label: "Customers" },
  k: { href: "/clusters", label: "Clusters" },
  a: { href: "/audit", label: "Audit log" },
};

const groups: { title: string; keys: [string, string][] }[] = [
  {
    title: "Anywhere",
    keys: [
      ["?", "These shortcuts"],
      ["Ctrl K / ⌘ K", "Search: releases, customers, clusters, steps"],
      ["/", "Focus the page's filter, or search"],
      ...Object.entries(destinations).map(([k, d]): [string, string] => [`g ${k}`, `Go to ${d.label}`]),
    ],
  },
  {
    title: "Release matrix",
    keys: [
      ["← ↑ → ↓", "Move between cells"],
      ["Enter", "Open the step's side panel"],
      ["Esc", "Close the panel, back to the cell"],
    ],
  },
  {
    title: "Run across customers (campaign mode)",
    keys: [
      ["d", "Mark done (with the note, if any)"],
      ["r", "Run it on an agent (steps run by an agent)"],
      ["s", "Skip (with the reason, kept for the next one)"],
      ["j / k", "Next / previous customer"],
      ["c", "Copy the content as it runs for this customer"],
      ["o", "Open the full side panel"],
    ],
  },
  {
    title: "Code editor",
    keys: [
      ["Tab", "Indent"],
      ["Esc, then Tab", "Leave the editor"],
    ],
  },
];

/**
 * The app's keyboard shortcuts: "?" lists them all, "g" then a letter goes to a main page. Listens
 * in the capture phase, so the second key of a "g" sequence never also reaches a page's own keys
 * (campaign mode's "d" is "mark done"): it is marked handled (defaultPrevented) first.
 */
export function Shortcuts() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const pendingG = useRef(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey || isTextField(e.target)) return;
      if (pendingG.current && Date.now() - pendingG.current < 1500) {
        pendingG.current = 0;
        // The key after "g" belongs to the sequence, a destination or not: no page sees it.
        e.preventDefault();
        e.stopImmediatePropagation();
        const to = destinations[e.key];
        if (to) router.push(to.href);
        return;
      }
      if (modalOpen()) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === "g" && singleKeysOn()) {
        pendingG.current = Date.now();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [router]);

  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      {open ? (
        <DialogContent title="Keyboard shortcuts" description="Keys that work when the focus is not in a text field." className="sm:max-w-2xl">
          <label className="mb-4 flex items-start gap-2.5 text-sm">
            <input
              type="checkbox"
              defaultChecked={singleKeysOn()}
              onChange={(e) => setSingleKeys(e.target.checked)}
              className="mt-0.5 size-4 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600"
            />
            <span>
              <span className="font-medium text-zinc-800 dark:text-zinc-200">Single-key shortcuts</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                &quot;g&quot; sequences and campaign mode&apos;s letters. Off: only keys with Ctrl or ⌘, the arrows, and &quot;?&quot; work. Kept in this browser.
              </span>
            </span>
          </label>
          <div className="grid gap-5 sm:grid-cols-2">
            {groups.map((g) => (
              <section key={g.title} aria-label={g.title}>
                <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{g.title}</h3>
                <dl className="space-y-1 text-sm">
                  {g.keys.map(([k, what]) => (
                    <div key={k} className="flex items-baseline justify-between gap-3">
                      <dt>
                        <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs text-zinc-800 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200">{k}</kbd>
                      </dt>
                      <dd className="text-right text-zinc-700 dark:text-zinc-300">{what}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </DialogContent>
      ) : null}
    </DialogRoot>
  );
}
