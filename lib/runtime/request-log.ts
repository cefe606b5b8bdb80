/**
 * One JSON line per HTTP request (method, path without the query string, status, duration),
 * written when the response closes. Attached to the standalone server's http.Server by
 * serve.ts: a proxy (middleware) never sees the response, so it cannot log duration or status.
 * Server actions additionally log their own line (name, actor, outcome) from defineAction.
 *
 * Never logged: query strings (callback URLs, tokens), headers, cookies, bodies.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { describeError, log } from "@/lib/log";

/** Health checks and static assets are noise at the default level; LOG_LEVEL=debug shows them. */
function isQuiet(path: string): boolean {
  return path === "/api/health" || path.startsWith("/_next/static/") || path === "/favicon.ico";
}

export function requestPath(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.search(/[?#]/);
  return (q >= 0 ? raw.slice(0, q) : raw).slice(0, 300);
}

export function attachRequestLog(server: Server): void {
  const debug = process.env.LOG_LEVEL === "debug";
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    const path = requestPath(req.url);
    if (!debug && isQuiet(path)) return;
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      const status = res.statusCode;
      log(status >= 500 ? "error" : "info", "request", {
        method: req.method,
        path,
        status,
        ms,
        ...(req.headers["next-action"] ? { serverAction: true } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });
  });
}

type RequestInfo = { path: string; method: string };
type ErrorContext = { routerKind?: string; routePath?: string; routeType?: string };

/** For instrumentation's onRequestError: a rendering or route failure, with Next's digest. */
export function logRequestError(error: unknown, request: RequestInfo, context: ErrorContext): void {
  const err = error as { name?: string; message?: string; digest?: string };
  log("error", "request failed", {
    method: request.method,
    path: requestPath(request.path),
    route: context.routePath,
    routeType: context.routeType,
    digest: err?.digest,
    error: describeError(error),
  });
}
