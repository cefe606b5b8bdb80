"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { LiveChange } from "@/lib/domain/live/types";

/**
 * How long a view waits before comparing an announcement with what it shows: the announcement of
 * a change made in this tab often arrives just before the action's own answer.
 */
export const ECHO_GRACE_MS = 800;

/**
 * A committed change; "you were disconnected: re-read what you show"; or "the stream is now
 * listening" — for views whose data moves fast (a run's steps and output), which re-read once
 * then, since a change between the page's render and the stream's start is announced to no one.
 */
export type LiveEvent = LiveChange | { kind: "resync" } | { kind: "connected" };
type Listener = (event: LiveEvent) => void;

const LiveContext = createContext<{ subscribe: (l: Listener) => () => void } | null>(null);

/**
 * One Server-Sent Events stream per tab (/api/v1/events), shared by every view that shows live
 * data. EventSource reconnects by itself; while it is away a small "Reconnecting…" shows, and
 * once it is back every view re-reads (a change may have been missed). If the server refuses the
 * stream (signed out), it says so and offers a reload.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [state, setState] = useState<"live" | "reconnecting" | "stopped">("live");
  const [subscribe] = useState(() => (l: Listener) => {
    listeners.current.add(l);
    return () => {
      listeners.current.delete(l);
    };
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let dropped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const emit = (e: LiveEvent) => listeners.current.forEach((l) => l(e));
    const connect = () => {
      source = new EventSource("/api/v1/events");
      source.addEventListener("ready", () => {
        setState("live");
        // For tests and tools: the page is hydrated and hearing changes.
        document.documentElement.dataset.live = "on";
        emit(dropped ? { kind: "resync" } : { kind: "connected" });
        dropped = false;
      });
      source.addEventListener("change", (e) => {
        try {
          emit(JSON.parse((e as MessageEvent<string>).data) as LiveChange);
        } catch {
          // not ours
        }
      });
      source.onerror = () => {
        dropped = true;
        document.documentElement.dataset.live = "off";
        if (source?.readyState === EventSource.CLOSED) {
          // Refused (e.g. the session ended) or the server is away: try again a little later;
          // a refusal the second time round is final.
          source.close();
          setState("reconnecting");
          retry = setTimeout(() => {
            const probe = new AbortController();
            void fetch("/api/v1/events", { signal: probe.signal })
              .then((r) => {
                probe.abort();
                if (r.status === 401) setState("stopped");
                else connect();
              })
              .catch(() => connect());
          }, 3000);
        } else setState("reconnecting");
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, []);

  return (
    <LiveContext.Provider value={{ subscribe }}>
      {children}
      <LiveStatus state={state} />
    </LiveContext.Provider>
  );
}

function LiveStatus({ state }: { state: "live" | "reconnecting" | "stopped" }) {
  return (
    <div role="status" aria-live="polite" data-live-root className="pointer-events-none fixed bottom-4 left-4 z-40">
      {state === "reconnecting" ? (
        <span data-testid="live-status" className="pointer-events-auto inline-flex items-center gap-2 rounded-full bg-amber-100 px-3 py-1.5 text-xs font-medium text-amber-900 shadow ring-1 ring-amber-300 dark:bg-amber-500/15 dark:text-amber-200 dark:ring-amber-500/40">
          <span className="size-2 animate-pulse rounded-full bg-amber-500" aria-hidden />
          Reconnecting… changes by others show again once connected
        </span>
      ) : state === "stopped" ? (
        <span data-testid="live-status" className="pointer-events-auto inline-flex items-center gap-2 rounded-full bg-zinc-100 px-3 py-1.5 text-xs font-medium text-zinc-800 shadow ring-1 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-700">
          Live updates stopped.
          <button type="button" className="underline" onClick={() => window.location.reload()}>
            Reload
          </button>
        </span>
      ) : null}
    </div>
  );
}

/** Calls `listener` for every live event while mounted (the latest listener, without resubscribing). */
export function useLive(listener: Listener): void {
  const live = useContext(LiveContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => live?.subscribe((e) => latest.current(e)), [live]);
}

/**
 * router.refresh `delayMs` after the first call of a burst: one re-read per burst, and at least
 * one every `delayMs` while changes keep coming (a resetting debounce would never re-read while a
 * pipeline marks steps done every few hundred ms).
 */
export function useRefreshSoon(delayMs = 300): () => void {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const [refresh] = useState(() => () => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      router.refresh();
    }, delayMs);
  });
  return refresh;
}

/**
 * For server-rendered views (release page, dashboard): re-read the page when a change concerns
 * it — of `releaseId`, or of any release without one. router.refresh keeps client state: scroll,
 * focus, open dialogs, typed text.
 */
export function LiveRefresh({ releaseId, delayMs = 300 }: { releaseId?: number; delayMs?: number }) {
  const refresh = useRefreshSoon(delayMs);
  useLive((e) => {
    // A run's output and item states are followed by the views that show them; the steps they
    // move are announced as steps too.
    if (e.kind === "run" || e.kind === "connected") return;
    if (e.kind !== "resync" && releaseId !== undefined && e.releaseId !== releaseId) return;
    refresh();
  });
  return null;
}
