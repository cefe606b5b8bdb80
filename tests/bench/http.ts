import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** A `next start` server on its own port, with its peak RSS sampled from /proc while it runs. */
export type Server = { url: string; proc: ChildProcess; peakRssMb: () => number; stop: () => Promise<void> };

export async function startServer(options: { port: number; env: Record<string, string | undefined>; nodeArgs?: string[] }): Promise<Server> {
  const url = `http://127.0.0.1:${options.port}`;
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), "node_modules/next/dist/bin/next", "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "silent", ...options.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let peak = 0;
  const sample = () => {
    try {
      // VmHWM is the process's own high-water mark: the peak even between samples.
      const status = readFileSync(`/proc/${proc.pid}/status`, "utf8");
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      /* process gone */
    }
  };
  const timer = setInterval(sample, 200);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    proc,
    peakRssMb: () => (sample(), peak),
    stop: async () => {
      sample();
      clearInterval(timer);
      proc.kill("SIGTERM");
      await new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const t = setTimeout(() => (proc.kill("SIGKILL"), resolve()), 10_000);
        proc.on("exit", () => (clearTimeout(t), resolve()));
      });
    },
  };
}

/** Signs in through next-auth's credentials endpoint and returns the Cookie header to send. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: url, json: "true" }),
  });
  const session = cookiesFrom(res);
  if (!session.includes("session-token")) throw new Error(`sign-in failed (${res.status})`);
  return `${jar}; ${session}`;
}

function cookiesFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** GET a page; time to last byte and body size. */
export async function timedGet(url: string, cookie: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { Cookie: cookie } });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t0, bytes: body.byteLength, status: res.status };
}

/** Finds a server action's id in the build manifest by its file and export name. */
export function actionId(file: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportName && (entry.filename ?? "").includes(file)) return id;
  }
  throw new Error(`action ${file}#${exportName} not found in the build manifest`);
}

/** Calls a server action over HTTP the way the browser does; returns latency and response size. */
export async function callAction(options: { url: string; path: string; id: string; cookie: string; args: unknown[] }) {
  const t0 = performance.now();
  const res = await fetch(`${options.url}${options.path}`, {
    method: "POST",
    headers: {
      Cookie: options.cookie,
      "Next-Action": options.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
    },
    body: JSON.stringify(options.args),
  });
  const body = await res.text();
  return { ms: performance.now() - t0, bytes: Buffer.byteLength(body), status: res.status, body };
}
