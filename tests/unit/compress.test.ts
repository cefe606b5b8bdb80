import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachCompression, COMPRESS_THRESHOLD_BYTES } from "@/lib/runtime/compress";

/**
 * The server's compression (lib/runtime/compress.ts) on a plain http.Server whose handler writes
 * the way Next does: a server action's answer streamed in pieces, a page streamed, the live
 * updates stream. Asserted on the raw bytes and headers a browser receives.
 */
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const size = Number(url.searchParams.get("size") ?? "0");
    if (url.pathname === "/api/empty") {
      res.writeHead(204);
      return void res.end();
    }
    if (url.pathname === "/api/late-stream") {
      // An event stream whose type is set after its first write: nothing written may be lost.
      res.write("data: zero\n\n");
      res.setHeader("Content-Type", "text/event-stream");
      res.write("data: one\n\n");
      return void setTimeout(() => res.end("data: two\n\n"), 50);
    }
    if (url.pathname === "/api/health") {
      res.setHeader("Content-Type", "application/json");
      return void res.end(JSON.stringify({ ok: true }));
    }
    if (url.pathname === "/events" || url.pathname === "/api/v1/events") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
      res.write("data: first\n\n");
      setTimeout(() => res.end("data: last\n\n"), 300);
      return;
    }
    res.setHeader("Content-Type", url.pathname === "/action" ? "text/x-component" : "text/html; charset=utf-8");
    res.writeHead(200);
    // In pieces, across ticks, with no Content-Length: as React's stream arrives.
    const piece = "x".repeat(100);
    let sent = 0;
    const next = () => {
      if (sent >= size) return void res.end();
      res.write(piece.slice(0, Math.min(100, size - sent)));
      sent += 100;
      setImmediate(next);
    };
    next();
  });
  attachCompression(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request (no fetch decoding), as a browser sends it: accepting gzip. */
function get(path: string, method = "GET", headers: Record<string, string> = {}): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers: { "Accept-Encoding": "gzip", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "[]" : undefined);
  });
}
const action = (size: number) => get(`/action?size=${size}`, "POST", { "Next-Action": "abc", "Content-Type": "text/plain;charset=UTF-8" });

describe("response compression", () => {
  it("a small server action answer goes out as it is, with its length", async () => {
    const r = await action(700);
    expect(r.headers["content-encoding"]).toBeUndefined();
    expect(r.headers["content-length"]).toBe("700");
    expect(r.body.toString()).toBe("x".repeat(700));
  });

  it("a large server action answer is compressed", async () => {
    const r = await action(20_000);
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(r.body).toString()).toBe("x".repeat(20_000));
    expect(r.body.byteLength).toBeLessThan(1000);
  });

  it("an answer at the threshold is compressed, one byte under is not", async () => {
    expect((await action(COMPRESS_THRESHOLD_BYTES)).headers["content-encoding"]).toBe("gzip");
    expect((await action(COMPRESS_THRESHOLD_BYTES - 1)).headers["content-encoding"]).toBeUndefined();
  });

  it("a streamed page is still compressed, and a client that does not accept gzip gets it plain", async () => {
    const page = await get("/page?size=50000");
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(page.body).byteLength).toBe(50_000);
    const plain = await get("/page?size=5000", "GET", { "Accept-Encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.byteLength).toBe(5000);
  });

  it("a route handler's small answer goes out as it is, a large one compressed", async () => {
    const health = await get("/api/health");
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(health.headers["content-length"]).toBe("11");
    const status = await get("/api/v1/releases/1/status?size=30000");
    expect(status.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(status.body).byteLength).toBe(30_000);
  });

  it("HEAD and a 204 carry no Content-Length of a body they do not have; a late event stream loses nothing", async () => {
    const head = await get("/api/health", "HEAD");
    expect(head.headers["content-length"]).toBeUndefined();
    const empty = await get("/api/empty");
    expect(empty.headers["content-length"]).toBeUndefined();
    expect(empty.body.byteLength).toBe(0);
    const late = await get("/api/late-stream");
    expect(late.headers["content-encoding"]).toBeUndefined();
    expect(late.body.toString()).toBe("data: zero\n\ndata: one\n\ndata: two\n\n");
  });

  it.each(["/events", "/api/v1/events"])("the live updates stream (%s) is never held or compressed: its first event arrives alone", async (path) => {
    const first = await new Promise<{ encoding: string | undefined; text: string }>((resolve, reject) => {
      http
        .get(`${base}${path}`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
          res.once("data", (c: Buffer) => resolve({ encoding: res.headers["content-encoding"], text: c.toString() }));
        })
        .on("error", reject);
    });
    expect(first.encoding).toBeUndefined();
    // Alone, as plain text: a compressor would have held it until the last event.
    expect(first.text).toBe("data: first\n\n");
  });
});
