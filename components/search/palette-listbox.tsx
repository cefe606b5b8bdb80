"use client";

import { cn } from "@/lib/cn";
import type { PaletteGroup, PaletteOption } from "./palette-options";

/**
 * The results of the ARIA combobox pattern: a listbox of groups, each labelled by its visible
 * heading, of options that never take focus (focus stays in the input, which points at the active
 * option with aria-activedescendant, so a screen reader announces it as ↑/↓ move).
 */
export function PaletteListbox({
  id,
  groups,
  activeId,
  busy,
  onHover,
  onChoose,
}: {
  id: string;
  groups: PaletteGroup[];
  activeId: string | undefined;
  busy: boolean;
  onHover: (index: number) => void;
  onChoose: (option: PaletteOption) => void;
}) {
  return (
    <div
      role="listbox"
      id={id}
      aria-label="Search results"
      aria-busy={busy || undefined}
      className={cn("space-y-2 p-2 transition-opacity", busy && "opacity-70")}
    >
      {groups.map((group) => (
        <div key={group.key} role="presentation">
          {/* Hidden from the tree as text: it names its group instead (aria-labelledby). */}
          <div
            id={`${id}-${group.key}`}
            aria-hidden
            className="px-2 pt-1 pb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
          >
            {group.heading}
          </div>
          <div role="group" aria-labelledby={`${id}-${group.key}`}>
            {group.options.map((option) => {
              const active = option.id === activeId;
              return (
                <div
                  key={option.id}
                  id={option.id}
                  role="option"
                  aria-selected={active}
                  // The pointer highlights (on move, not enter: a list scrolling under a still
                  // pointer must not steal the keyboard's place) and clicks; focus stays in the input.
                  onMouseMove={() => (active ? undefined : onHover(option.index))}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => onChoose(option)}
                  className={cn(
                    "flex cursor-pointer items-baseline gap-2 rounded-md px-2 py-1.5 text-sm ring-inset",
                    active
                      ? "bg-brand-50 text-zinc-900 ring-2 ring-brand-500 dark:bg-brand-500/20 dark:text-zinc-50"
                      : "text-zinc-800 dark:text-zinc-200",
                  )}
                >
                  <span className="min-w-0 truncate font-medium">{option.name}</span>
                  {option.mono ? <span className="min-w-0 truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">{option.mono}</span> : null}
                  {option.note ? <span className="ml-auto max-w-[45%] shrink-0 truncate pl-2 text-xs text-zinc-600 dark:text-zinc-400">{option.note}</span> : null}
                </div>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
