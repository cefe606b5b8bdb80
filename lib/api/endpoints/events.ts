import "server-only";
import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { commonErrors } from "@/lib/api/schemas";
import { subscribeToChanges } from "@/lib/domain/live/queries/changes";
import type { LiveChange } from "@/lib/domain/live/types";

/** A comment line every 20 s keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;
/**
 * The caller was checked when the stream opened. It ends after 5 minutes and the browser
 * reconnects, which checks the session again: a revoked session hears nothing for long.
 */
const MAX_STREAM_MS = 5 * 60_000;

/**
 * Open streams end when the server is asked to stop, so a graceful shutdown does not wait for
 * them (the browsers reconnect to the next server). One signal listener per process.
 */
const open = globalThis as unknown as { __runsheetStreams?: Set<() => void> };
function trackStream(close: () => void): () => void {
  if (!open.__runsheetStreams) {
    const streams = (open.__runsheetStreams = new Set());
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => streams.forEach((c) => c()));
  }
  open.__runsheetStreams.add(close);
  return () => open.__runsheetStreams?.delete(close);
}

export const eventsOp = defineOperation({
  method: "GET",
  path: "/events",
  summary: "Live changes (Server-Sent Events)",
  description:
    "A `text/event-stream` of committed changes: `event: change` with `{ kind: \"steps\", releaseId, count, steps: [[id, customerId, status, version]] | null, actorId, actorName }` or `{ kind: \"release\", releaseId }`. `?release=<id>` limits it to one release. The stream ends after 5 minutes; reconnect (EventSource does) and re-read what you show.",
  role: "viewer",
  query: z.object({ release: z.string().regex(/^\d{1,10}$/).optional().describe("Only this release's changes") }),
  responses: { 200: { description: "The event stream (text/event-stream)" }, ...commonErrors },
  run: async ({ query, request }) => {
    const only = query.release ? Number(query.release) : null;
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        let closed = false;
        const send = (text: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        const unsubscribe = await subscribeToChanges((change: LiveChange) => {
          if (only === null || change.releaseId === only) send(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
        });
        const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
        const limit = setTimeout(() => cleanup(), MAX_STREAM_MS);
        cleanup = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          clearTimeout(limit);
          unsubscribe();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        const untrack = trackStream(() => cleanup());
        const end = cleanup;
        cleanup = () => {
          untrack();
          end();
        };
        request.signal.addEventListener("abort", () => cleanup());
        // Reconnect after 2 s if the stream drops; then say we are listening.
        send("retry: 2000\nevent: ready\ndata: {}\n\n");
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        // no-transform: no compression (it would hold events back); no proxy buffering either.
        "cache-control": "no-cache, no-store, no-transform",
        "x-accel-buffering": "no",
      },
    });
  },
});
