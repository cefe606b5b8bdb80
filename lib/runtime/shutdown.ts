/**
 * Graceful shutdown for the standalone server. Next's own SIGTERM handler closes the HTTP
 * server and then calls process.exit(143) without closing our database, so serve.ts sets
 * NEXT_MANUAL_SIG_HANDLE and installs this instead. On SIGTERM (or SIGINT):
 *   1. stop listening; responses from now on carry `Connection: close`;
 *   2. let every request already received finish (a slow upload included), up to
 *      SHUTDOWN_TIMEOUT_MS, then cut what remains;
 *   3. close the database (PGlite: CHECKPOINT, then close; Postgres: end the pool);
 *   4. exit 0. A second signal exits at once with 1.
 *
 * Why not just server.close(): on Node ≥ 19 it also destroys every connection that has no
 * parsed request at that instant, including ones whose request is still in the socket buffer
 * of a busy event loop, and the client sees ECONNRESET. Here an idle connection is closed only
 * after it has stayed idle for IDLE_GRACE_MS.
 */
import type { Server } from "node:http";
import { Server as NetServer, type Socket } from "node:net";
import { log } from "@/lib/log";

const IDLE_GRACE_MS = 500;

type Options = {
  closeDatabase: () => Promise<void>;
  timeoutMs?: number;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
};

type SocketState = { active: number; idleSince: number };

export function installGracefulShutdown(server: Server, options: Options): { shutdown: (signal: string) => Promise<void> } {
  const timeoutMs = options.timeoutMs ?? Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 8000);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const sockets = new Map<Socket, SocketState>();
  let draining = false;
  let started: number | undefined;

  server.on("connection", (socket: Socket) => {
    sockets.set(socket, { active: 0, idleSince: Date.now() });
    socket.once("close", () => sockets.delete(socket));
  });
  server.prependListener("request", (req, res) => {
    const state = sockets.get(req.socket);
    if (state) state.active++;
    if (draining) res.shouldKeepAlive = false;
    res.once("close", () => {
      if (!state) return;
      state.active--;
      state.idleSince = Date.now();
    });
  });

  function sweepIdle(now: number): void {
    for (const [socket, state] of sockets) {
      if (state.active === 0 && now - state.idleSince >= IDLE_GRACE_MS) socket.destroy();
    }
  }

  async function shutdown(signal: string): Promise<void> {
    if (started !== undefined) {
      log("warn", "second signal: exiting now", { signal });
      exit(1);
      return;
    }
    started = Date.now();
    draining = true;
    log("info", "shutdown started", { signal, timeoutMs, openConnections: sockets.size });
    // net.Server's close: stop listening, call back when the last connection has gone.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    const sweep = setInterval(() => sweepIdle(Date.now()), 100);
    let forced = false;
    const deadline = new Promise<void>((resolve) =>
      setTimeout(() => {
        forced = true;
        for (const socket of sockets.keys()) socket.destroy();
        resolve();
      }, timeoutMs).unref(),
    );
    await Promise.race([closed, deadline]);
    clearInterval(sweep);
    let code = 0;
    try {
      await Promise.race([
        options.closeDatabase(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("database close timed out")), 5000).unref()),
      ]);
    } catch (error) {
      code = 1;
      log("error", "database close failed", { error: error instanceof Error ? error.message : String(error) });
    }
    log("info", "shutdown complete", { ms: Date.now() - started, forced });
    exit(code);
  }

  for (const signal of options.signals ?? (["SIGTERM", "SIGINT"] as NodeJS.Signals[])) {
    process.on(signal, () => void shutdown(signal));
  }
  return { shutdown };
}
