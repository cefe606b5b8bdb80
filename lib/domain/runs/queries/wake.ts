import "server-only";
import { listenToDatabase } from "@/db/client";

type Waiter = { clusterId: number; wake: () => void };

/**
 * Agents' long polls wait here for work of their cluster: one LISTEN runsheet_runs per process
 * (the run_items trigger announces a cluster when work is queued there or a slot frees), shared by
 * every waiting request. Memoised on globalThis, like the live hub.
 */
const hub = globalThis as unknown as { __runsheetRuns?: { waiters: Set<Waiter>; started?: Promise<unknown> } };

/** Resolves when work for the cluster may be there, or after `ms` (the caller claims again either way). */
export async function waitForWork(clusterId: number, ms: number, signal?: AbortSignal): Promise<void> {
  const state = (hub.__runsheetRuns ??= { waiters: new Set() });
  state.started ??= listenToDatabase("runsheet_runs", (payload) => {
    const id = Number(payload);
    for (const w of state.waiters) if (w.clusterId === id) w.wake();
  }).catch((error: unknown) => {
    state.started = undefined;
    throw error;
  });
  await state.started.catch(() => undefined);
  await new Promise<void>((resolve) => {
    const waiter: Waiter = { clusterId, wake: () => done() };
    const timer = setTimeout(() => done(), ms);
    const done = () => {
      clearTimeout(timer);
      state.waiters.delete(waiter);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    state.waiters.add(waiter);
    signal?.addEventListener("abort", done);
  });
}
