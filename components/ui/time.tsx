"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { formatAbsolute, formatDay, formatRelative } from "@/lib/time/format";

/**
 * A moment, shown the same way on every screen: relative text ("5 min ago", "yesterday 14:05")
 * in the viewer's time zone, and the absolute time with its zone on hover and on keyboard focus
 * (also read by screen readers). The server cannot know the viewer's zone, so the first render
 * says it in UTC and the browser redraws it in its own zone at once; every Time on the page
 * advances together, once a minute.
 */
export function Time({ value, withAbsolute = false, className }: { value: Date | string; withAbsolute?: boolean; className?: string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const zone = useBrowserZone();
  const now = useNow();
  const relative = formatRelative(date, now, zone);
  const absolute = formatAbsolute(date, zone);
  return (
    <time
      dateTime={date.toISOString()}
      title={absolute}
      tabIndex={0}
      data-absolute={absolute}
      suppressHydrationWarning
      className={`group relative whitespace-nowrap tabular-nums outline-none focus-visible:rounded focus-visible:ring-2 focus-visible:ring-brand-500 ${className ?? ""}`}
    >
      <span suppressHydrationWarning>{relative}</span>
      {withAbsolute ? (
        <span suppressHydrationWarning className="block text-xs text-zinc-600 dark:text-zinc-400">
          {absolute}
        </span>
      ) : (
        <span
          role="tooltip"
          suppressHydrationWarning
          className="sr-only group-hover:not-sr-only group-focus-visible:not-sr-only group-hover:absolute group-focus-visible:absolute group-hover:bottom-full group-focus-visible:bottom-full group-hover:left-0 group-focus-visible:left-0 group-hover:z-50 group-focus-visible:z-50 group-hover:mb-1 group-focus-visible:mb-1 group-hover:rounded-md group-focus-visible:rounded-md group-hover:bg-zinc-900 group-focus-visible:bg-zinc-900 group-hover:px-2 group-focus-visible:px-2 group-hover:py-1 group-focus-visible:py-1 group-hover:text-xs group-focus-visible:text-xs group-hover:text-white group-focus-visible:text-white group-hover:shadow-lg group-focus-visible:shadow-lg dark:group-hover:bg-zinc-700 dark:group-focus-visible:bg-zinc-700"
        >
          {absolute}
        </span>
      )}
    </time>
  );
}

/** A calendar date (a release's target date): the same day for everyone, no time, no zone. */
export function Day({ value, className }: { value: string; className?: string }) {
  return (
    <time dateTime={value} className={`whitespace-nowrap tabular-nums ${className ?? ""}`}>
      {formatDay(value)}
    </time>
  );
}

/** The viewer's zone, named (for lists of absolute times): "America/Los_Angeles (PST)". */
export function ZoneName() {
  const zone = useBrowserZone();
  const [label, setLabel] = useState("UTC");
  useEffect(() => {
    const name = zone ?? "UTC";
    const short = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value;
    setLabel(short && short !== name ? `${name} (${short})` : name);
  }, [zone]);
  return <span suppressHydrationWarning>{label}</span>;
}

// --- the viewer's zone and a shared minute clock ------------------------------------------------

/**
 * What the server knows when it renders: the request's time, and the viewer's zone if the browser
 * told it before (the `tz` cookie the pre-paint script sets). With both, the first paint already
 * reads "3 min ago" in the viewer's zone; without the cookie (a first visit) it says UTC and the
 * browser redraws it in its own zone at once.
 */
const RenderClock = createContext<{ zone?: string; now?: number }>({});

export function TimeProvider({ zone, now, children }: { zone?: string; now: number; children: ReactNode }) {
  return <RenderClock.Provider value={{ zone, now }}>{children}</RenderClock.Provider>;
}

const noSubscribe = () => () => {};
/** The server's best knowledge in the server render and hydration; the browser's own zone after that. */
function useBrowserZone(): string | undefined {
  const { zone } = useContext(RenderClock);
  return useSyncExternalStore(
    noSubscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => zone ?? "UTC",
  );
}

// One "now" for every Time on the page (so two lists never disagree by a second), moved on every
// 15 s; relative text changes at most once a minute.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function subscribeNow(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 15_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
function useNow(): Date {
  const render = useContext(RenderClock).now;
  const ms = useSyncExternalStore(
    subscribeNow,
    () => now,
    // The request's time, not this module's load time (on the server that is the process start).
    () => render ?? now,
  );
  return new Date(ms);
}
