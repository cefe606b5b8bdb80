"use client";

import { useState } from "react";
import { cn } from "@/lib/cn";
import { THEME_COOKIE, type ThemeMode } from "./theme";

const options: Array<{ mode: ThemeMode; label: string; icon: string }> = [
  { mode: "light", label: "Light", icon: "M12 4V2m0 20v-2m8-8h2M2 12h2m13.66-5.66 1.41-1.41M4.93 19.07l1.41-1.41m0-11.32L4.93 4.93m14.14 14.14-1.41-1.41M16 12a4 4 0 1 1-8 0 4 4 0 0 1 8 0Z" },
  { mode: "dark", label: "Dark", icon: "M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8Z" },
  { mode: "system", label: "System", icon: "M4 5h16v11H4zM8 20h8m-4-4v4" },
];

declare global {
  interface Window {
    __applyTheme?: () => void;
  }
}

/** Light, dark or the system's: remembered in a cookie, applied at once without a reload. */
export function ThemeSwitch({ initial, className }: { initial: ThemeMode; className?: string }) {
  const [mode, setMode] = useState<ThemeMode>(initial);
  const choose = (next: ThemeMode) => {
    setMode(next);
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.dataset.themeMode = next;
    window.__applyTheme?.();
  };
  return (
    <div role="radiogroup" aria-label="Theme" className={cn("inline-flex rounded-lg border border-zinc-200 p-0.5 dark:border-zinc-700", className)}>
      {options.map((o) => (
        <button
          key={o.mode}
          type="button"
          role="radio"
          aria-checked={mode === o.mode}
          title={`${o.label} theme`}
          onClick={() => choose(o.mode)}
          className={cn(
            "rounded-md p-1.5 text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white",
            mode === o.mode && "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white",
          )}
        >
          <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
            <path d={o.icon} />
          </svg>
          <span className="sr-only">{o.label}</span>
        </button>
      ))}
    </div>
  );
}
