"use client";

import { useCallback, useEffect, useState } from "react";
import { callAction } from "@/components/ui/call-action";
import { searchAction } from "@/lib/domain/search/actions";
import type { SearchResults } from "@/lib/domain/search/types";

const DEBOUNCE_MS = 150;

/** The last answer, with the text it answers (the input may have moved on since). */
export type Answer = { q: string; results: SearchResults } | { q: string; error: string };

/**
 * Searches for `q` once typing pauses (DEBOUNCE_MS), while `enabled`. An answer to text the user
 * has already changed is dropped, so a slow early answer never replaces a later one.
 */
export function usePaletteSearch(q: string, enabled: boolean, onAnswer: () => void) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (!enabled || !q) return;
    let stale = false;
    const timer = setTimeout(() => {
      void callAction(searchAction, { q }).then((result) => {
        if (stale) return;
        setAnswer(result.ok ? { q, results: result.data } : { q, error: result.message });
        onAnswer();
      });
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [enabled, q, onAnswer]);
  const reset = useCallback(() => setAnswer(null), []);
  return { answer, reset };
}
