"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useLive } from "@/components/live/live-provider";
import type { RunItemState } from "@/lib/domain/vocabulary";
import { AnsiText } from "./ansi-text";

type Slice = { state: RunItemState; from: number; text: string; received: number; cut: boolean };

/**
 * A run item's output as it arrives: read from the API (the session is enough for a read), then
 * each live announcement of this item with more characters fetches only what is new. Shown as
 * text with its ANSI colours (AnsiText, never HTML), on a terminal-dark background in both
 * themes; it follows the end while the step runs unless the reader has scrolled up.
 */
export function RunOutput({ runId, itemId, label, initialState }: { runId: number; itemId: number; label: string; initialState: RunItemState }) {
  const [text, setText] = useState("");
  const [state, setState] = useState<RunItemState>(initialState);
  const [cut, setCut] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const received = useRef(0);
  const busy = useRef(false);
  const again = useRef(false);
  const box = useRef<HTMLPreElement>(null);
  const follow = useRef(true);

  const read = useCallback(async () => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    try {
      do {
        again.current = false;
        const res = await fetch(`/api/v1/runs/${runId}/items/${itemId}/output?from=${received.current}`, { cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        const slice = (await res.json()) as Slice;
        setText((t) => (slice.from === 0 ? slice.text : t + slice.text));
        received.current = slice.cut ? slice.received : slice.from + slice.text.length;
        setCut(slice.cut);
        setState(slice.state);
        setLoaded(true);
        setFailed(false);
      } while (again.current);
    } catch {
      setFailed(true);
    } finally {
      busy.current = false;
    }
  }, [runId, itemId]);

  useEffect(() => {
    void read();
  }, [read]);
  useLive((e) => {
    if (e.kind === "resync" || e.kind === "connected") return void read();
    if (e.kind !== "run" || e.runId !== runId) return;
    const mine = e.items?.find(([id]) => id === itemId);
    if (!e.items || (mine && (mine[3] > received.current || mine[2] !== state))) void read();
  });
  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [text]);

  return (
    <div className="space-y-1">
      <pre
        ref={box}
        role="log"
        aria-label={label}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className="max-h-80 min-h-12 overflow-auto rounded-md bg-zinc-950 px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap break-words text-zinc-100 ring-1 ring-zinc-800 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
        data-testid="run-output"
      >
        {text ? <AnsiText text={text} /> : <span className="text-zinc-400">{!loaded ? "Loading output…" : state === "queued" ? "Waiting for an agent to take it…" : state === "running" ? "Started; no output yet…" : "No output."}</span>}
      </pre>
      {cut ? <p className="text-xs text-zinc-600 dark:text-zinc-400">Long output: its middle is cut (the first 64 KiB and the last 192 KiB are kept, and the cut is marked).</p> : null}
      {failed ? <p className="text-xs text-red-700 dark:text-red-400">The output could not be read just now; it updates when the next part arrives.</p> : null}
    </div>
  );
}
