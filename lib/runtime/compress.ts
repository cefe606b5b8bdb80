/**
 * Response compression for the standalone server (serve.ts), in place of Next's own (`compress:
 * false` in next.config.ts). Next compresses every streamed response whatever its size, and a
 * server action's answer is always streamed: a 700-byte "marked done" paid for a gzip stream
 * (its setup, a 32 KB window, the CPU) to save a few hundred bytes. Here:
 *  - a server action's answer and a route handler's (/api/…) are held until they end (each is
 *    one answer, not a page that streams in), so their length is known: under
 *    COMPRESS_THRESHOLD_BYTES they go out as they are, with a Content-Length; larger (a bulk
 *    answer, a re-render, a release's status) they are compressed;
 *  - pages are compressed as before (streamed), by the same `compression` middleware Next uses;
 *  - the live updates stream (text/event-stream) is neither held nor compressed: a compressor
 *    holds events back until its buffer fills.
 */
import compression from "compression";
import { Duplex } from "node:stream";
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, Server, ServerResponse } from "node:http";

/** Smaller than this, compressing costs more CPU than the bytes it saves are worth. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

const compress = compression({
  threshold: COMPRESS_THRESHOLD_BYTES,
  filter: (req, res) => !isEventStream(res as ServerResponse) && compression.filter(req, res),
});

/** One answer, not a page: a server action, or a route handler (HEAD and OPTIONS have no body to measure). */
const isAnswer = (req: IncomingMessage) =>
  req.method !== "HEAD" && req.method !== "OPTIONS" && ((req.method === "POST" && req.headers["next-action"] !== undefined) || (req.url ?? "").startsWith("/api/"));
/** Statuses that carry no body, and so no Content-Length (RFC 9110). */
const bodiless = (status: number) => status < 200 || status === 204 || status === 304;
const isEventStream = (res: ServerResponse) => String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream");

export function attachCompression(server: Server): void {
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    compress(req as never, res as never, () => {});
    // A client that disconnects mid-response leaves the middleware's zlib stream open (it is
    // never ended), which then outlives the response: destroy it, as Next's own wrapper does.
    res.once("close", () => releaseCompressionStream(res));
    if (isAnswer(req)) holdUntilEnd(res);
  });
}

type Callback = (error?: Error | null) => void;
const toBuffer = (chunk: unknown, encoding?: BufferEncoding) => (Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk as Uint8Array));

/** writeHead's arguments, every overload. */
type Head = [statusCode: number, reason?: string | OutgoingHttpHeaders | OutgoingHttpHeader[], headers?: OutgoingHttpHeaders | OutgoingHttpHeader[]];

/**
 * Collects what is written until `end`, then sends it in one piece with its Content-Length, so the
 * compression middleware (underneath) decides on the real size. Headers wait too: writing them
 * early would make the middleware decide before the size is known.
 */
function holdUntilEnd(res: ServerResponse): void {
  const { write, end, writeHead, flushHeaders } = res;
  const sendHead = writeHead as (...args: Head) => ServerResponse;
  const chunks: Buffer[] = [];
  let head: Head | null = null;
  const restore = () => Object.assign(res, { write, end, writeHead, flushHeaders });
  /** Stops holding: the status and headers go out, then anything already written, in order. */
  const release = () => {
    restore();
    if (head) sendHead.apply(res, head);
    for (const chunk of chunks.splice(0)) res.write(chunk);
  };
  // A stream of events is not one answer: let it through as it comes.
  const streams = () => {
    if (!isEventStream(res)) return false;
    release();
    return true;
  };

  res.writeHead = ((...args: Head) => {
    const [statusCode, second, third] = args;
    const headers = typeof second === "string" ? third : second;
    // The status is the response's now (a request log reads it even if the client leaves first).
    res.statusCode = statusCode;
    if (Array.isArray(headers)) {
      // Raw header pairs cannot join the response's own headers: send them as given, unheld.
      head = args;
      release();
      return res;
    }
    // The headers join the response's own now (as writeHead would); sending them waits.
    for (const [key, value] of Object.entries(headers ?? {})) if (value !== undefined) res.setHeader(key, value);
    head = typeof second === "string" ? [statusCode, second] : [statusCode];
    if (streams()) res.flushHeaders();
    return res;
  }) as ServerResponse["writeHead"];
  res.flushHeaders = () => void (streams() && res.flushHeaders());
  res.write = ((chunk: unknown, encoding?: BufferEncoding | Callback, callback?: Callback) => {
    if (streams()) return res.write(chunk as string, encoding as BufferEncoding, callback);
    const cb = typeof encoding === "function" ? encoding : callback;
    chunks.push(toBuffer(chunk, typeof encoding === "string" ? encoding : undefined));
    if (cb) process.nextTick(cb);
    return true;
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, encoding?: BufferEncoding | Callback, callback?: Callback) => {
    let cb = callback;
    if (typeof chunk === "function") [cb, chunk] = [chunk as Callback, undefined];
    else if (typeof encoding === "function") cb = encoding;
    if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, typeof encoding === "string" ? encoding : undefined));
    const body = Buffer.concat(chunks);
    restore();
    if (!res.headersSent && !bodiless(res.statusCode)) res.setHeader("Content-Length", body.byteLength);
    if (head) sendHead.apply(res, head);
    return cb ? res.end(body, cb) : res.end(body);
  }) as ServerResponse["end"];
}

/** The middleware hands back its zlib stream from `res.on("drain")` (how Next finds it too). */
function releaseCompressionStream(res: ServerResponse): void {
  const noop = () => {};
  const stream = res.on("drain", noop) as unknown;
  if (stream === res || !(stream instanceof Duplex)) {
    res.off("drain", noop);
    return;
  }
  if (!res.writableFinished) stream.destroy();
}
