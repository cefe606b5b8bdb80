/**
 * The container's server process (bundled to dist/serve.mjs): Next's generated standalone
 * server.js, plus the two things it does not do for us:
 *  - graceful shutdown that also closes the database (shutdown.ts), and exits 0;
 *  - one log line per request (request-log.ts);
 *  - a heap that grows less far past its live data (heap.ts).
 * All need the http.Server that server.js creates internally, so it is captured from the one
 * http.createServer call server.js makes (a framework surprise; Next exposes no hook for it).
 */
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { closeDb } from "@/db/client";
import { attachCompression } from "@/lib/runtime/compress";
import { tuneHeapGrowth } from "@/lib/runtime/heap";
import { attachRequestLog } from "@/lib/runtime/request-log";
import { installGracefulShutdown } from "@/lib/runtime/shutdown";

// Without this, Next registers its own SIGTERM handler that exits 143 before our database closes.
process.env.NEXT_MANUAL_SIG_HANDLE = "true";
tuneHeapGrowth();

const appDir = process.env.APP_DIR ?? path.resolve(import.meta.dirname, "..");
const original = http.createServer;

http.createServer = function createServer(this: unknown, ...args: unknown[]) {
  const server = (original as (...a: unknown[]) => http.Server).apply(this, args);
  http.createServer = original;
  attachRequestLog(server);
  attachCompression(server);
  installGracefulShutdown(server, { closeDatabase: closeDb });
  return server;
} as typeof http.createServer;

await import(pathToFileURL(path.join(appDir, "server.js")).href);
