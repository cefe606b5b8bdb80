"use client";

import { useEffect } from "react";
import { isTextField, modalOpen } from "@/components/shell/keyboard";

/**
 * The palette's keys, anywhere in the app: Ctrl+K / ⌘K opens it (and closes it again); "/" —
 * when focus is not in a text field — focuses the page's own search (`data-page-search`) if it has
 * one, or else opens the palette.
 */
export function usePaletteShortcuts({ open, show, hide }: { open: boolean; show: () => void; hide: () => void }) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        if (!open && modalOpen()) return;
        event.preventDefault();
        if (open) hide();
        else show();
        return;
      }
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (open || isTextField(event.target) || modalOpen()) return;
      event.preventDefault();
      const pageSearch = document.querySelector<HTMLElement>("[data-page-search]");
      if (!pageSearch) return show();
      pageSearch.focus();
      if (pageSearch instanceof HTMLInputElement) pageSearch.select();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [open, show, hide]);
}
