import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { installGracefulShutdown } from "@/lib/runtime/shutdown";

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections();
});

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  servers.push(server);
  const events: string[] = [];
  let markExited = () => {};
  const exited = new Promise<void>((resolve) => (markExited = resolve));
  const { shutdown } = installGracefulShutdown(server, {
    timeoutMs: 1500,
    signals: [],
    closeDatabase: async () => void events.push("database closed"),
    exit: (code) => {
      events.push(`exit ${code}`);
      markExited();
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as AddressInfo).port, events, exited, shutdown };
}

function get(port: number, path: string, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent: agent ?? false }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

describe("graceful shutdown", () => {
  it("finishes in-flight requests, refuses new connections, then closes the database and exits 0", async () => {
    const events: string[] = [];
    const app = await serve((req, res) => {
      if (req.url === "/slow") setTimeout(() => (events.push("slow answered"), res.end("done")), 300);
      else res.end("ok");
    });
    const keepAlive = new http.Agent({ keepAlive: true });
    await get(app.port, "/fast", keepAlive); // leaves an idle keep-alive connection open
    const slow = get(app.port, "/slow");
    await new Promise((r) => setTimeout(r, 50));
    void app.shutdown("SIGTERM");
    await new Promise((r) => setTimeout(r, 20));
    await expect(get(app.port, "/fast")).rejects.toThrow(/ECONNREFUSED/);
    await expect(slow).resolves.toEqual({ status: 200, body: "done" });
    await app.exited;
    expect([...events, ...app.events]).toEqual(["slow answered", "database closed", "exit 0"]);
    keepAlive.destroy();
  });

  it("cuts requests that outlive the timeout, still closing the database", async () => {
    const app = await serve(() => {
      /* never answers */
    });
    const hung = get(app.port, "/hang").catch((e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 50));
    const t = Date.now();
    void app.shutdown("SIGTERM");
    await app.exited;
    expect(Date.now() - t).toBeGreaterThanOrEqual(1400);
    expect(await hung).toMatch(/socket hang up|ECONNRESET/);
    expect(app.events).toEqual(["database closed", "exit 0"]);
  });
});
