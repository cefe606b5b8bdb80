import "server-only";
import { listenToDatabase } from "@/db/client";
import { LIVE_CHANNEL, type LiveChange } from "@/lib/domain/live/types";

type Listener = (change: LiveChange) => void;

/**
 * One LISTEN per process, shared by every open stream: the first subscriber starts it, and each
 * announcement is handed to every subscriber. Memoised on globalThis (Next may load a module more
 * than once). The Postgres driver keeps the LISTEN connection alive and reconnects by itself.
 */
const hub = globalThis as unknown as { __runsheetLive?: { listeners: Set<Listener>; started?: Promise<unknown> } };

export async function subscribeToChanges(listener: Listener): Promise<() => void> {
  const state = (hub.__runsheetLive ??= { listeners: new Set() });
  state.listeners.add(listener);
  state.started ??= listenToDatabase(LIVE_CHANNEL, (payload) => {
    let change: LiveChange;
    try {
      change = JSON.parse(payload) as LiveChange;
    } catch {
      return;
    }
    for (const l of state.listeners) l(change);
  }).catch((error: unknown) => {
    state.started = undefined; // the next subscriber tries again
    throw error;
  });
  await state.started;
  return () => state.listeners.delete(listener);
}
