"use client";

import { useEffect } from "react";

type ThemeWindow = Window & { __applyTheme?: () => void };

/**
 * The pre-paint theme script's work, when it did not run: a page that answers 404 (or fails) is
 * rendered by the client from an error shell, where the layout's inline script is inserted by
 * React and never executed — so a dark-mode "system" user saw the not-found page in light. Sets
 * <html data-theme> from the choice (data-theme-mode) and the system's setting, and follows it.
 */
export function ThemeSync() {
  useEffect(() => {
    const w = window as ThemeWindow;
    if (w.__applyTheme) return w.__applyTheme();
    const system = matchMedia("(prefers-color-scheme: dark)");
    const apply = () => {
      const html = document.documentElement;
      const mode = html.dataset.themeMode || "system";
      html.dataset.theme = mode === "dark" || (mode === "system" && system.matches) ? "dark" : "light";
    };
    apply();
    w.__applyTheme = apply;
    system.addEventListener("change", apply);
    return () => system.removeEventListener("change", apply);
  }, []);
  return null;
}
