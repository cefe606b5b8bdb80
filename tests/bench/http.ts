import { prepareStandalone, standaloneDir } from "../../scripts/standalone.mjs";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The production server on its own port, with its peak RSS sampled from /proc while it runs. */
export type Server = { url: string; proc: ChildProcess; peakRssMb: () => number; stop: () => Promise<void> };

let bundled: string | undefined;
/**
 * The server that ships, as the container runs it: dist/serve.mjs (lib/runtime/serve.ts bundled,
 * around Next's standalone server.js, with its compression, shutdown and request log), not
 * `next start` and not through tsx.
 */
function shippedServer(): string {
  if (bundled) return bundled;
  prepareStandalone();
  // Beside server.js, as in the image (/app/dist): PGlite resolves from the bundle's node_modules.
  const dir = path.join(standaloneDir, "dist");
  execFileSync(process.execPath, ["scripts/bundle-ops.mjs", dir], { stdio: "inherit" });
  return (bundled = path.join(dir, "serve.mjs"));
}

export async function startServer(options: { port: number; env: Record<string, string | undefined>; nodeArgs?: string[] }): Promise<Server> {
  const url = `http://127.0.0.1:${options.port}`;
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), shippedServer()], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "silent",
      APP_DIR: standaloneDir,
      PORT: String(options.port),
      HOSTNAME: "127.0.0.1",
      ...options.env,
    },
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

/**
 * CPU time (user + system, ms) used so far by a process and every process under it, from /proc:
 * `next start` may serve from a child process, whose time its parent only sees once it exits.
 */
export function treeCpuMs(rootPid: number): number {
  const parentOf = new Map<number, number>();
  const ticksOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(entry), Number(fields[1]));
      ticksOf.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      /* gone meanwhile */
    }
  }
  let ticks = 0;
  for (const [pid, t] of ticksOf) {
    for (let p: number | undefined = pid; p && p > 1; p = parentOf.get(p)) {
      if (p === rootPid) {
        ticks += t;
        break;
      }
    }
  }
  return ticks * (1000 / CLOCK_TICKS);
}
const CLOCK_TICKS = Number(process.env.CLK_TCK ?? 100);

/**
 * A server action called as the browser calls it from a form: multipart/form-data, the form's
 * fields under React's reference prefix ("_1_name") and the argument list as part "0".
 */
export async function callActionForm(options: { url: string; path: string; id: string; cookie: string; fields: Record<string, string | number> }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(options.fields)) form.append(`_1_${k}`, String(v));
  // After the fields, as React writes it: the server reads a FormData argument's fields in order.
  form.set("0", '["$K1"]');
  const t0 = performance.now();
  const res = await fetch(`${options.url}${options.path}`, {
    method: "POST",
    headers: { Cookie: options.cookie, "Next-Action": options.id, Accept: "text/x-component", "Accept-Encoding": "gzip, deflate, br" },
    body: form,
  });
  const raw = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t0, bytes: Number(res.headers.get("content-length") ?? raw.byteLength), status: res.status, body: raw.toString("utf8"), encoding: res.headers.get("content-encoding") };
}

/**
 * The bytes of an action's answer that are not the step's own content (its text and highlighted
 * HTML, as text chunks — React sends long strings as `<id>:T<hex length>,<text>` rows — or inline).
 */
export function answerOverhead(body: string): number {
  const bytes = Buffer.from(body, "utf8");
  let own = 0;
  const header = /(?:^|\n)([0-9a-f]+):T([0-9a-f]+),/g;
  for (let m = header.exec(body); m; m = header.exec(body)) own += parseInt(m[2], 16);
  const line = body.split("\n").find((l) => l.startsWith("1:{"));
  try {
    type Patch = { view?: { html?: string; step?: { content?: string } }; step?: { content?: string }; added?: { ran?: { content?: string } | null }[] };
    const answer = line ? (JSON.parse(line.slice(2)) as { data?: { patch?: Patch } }) : undefined;
    const patch = answer?.data?.patch;
    // The step's own content: its text and highlighting, and the text that ran in a new entry.
    for (const text of [patch?.view?.html, patch?.view?.step?.content, patch?.step?.content, ...(patch?.added ?? []).map((h) => h.ran?.content)]) {
      if (text && !text.startsWith("$")) own += Buffer.byteLength(JSON.stringify(text));
    }
  } catch {
    /* not JSON: counted whole */
  }
  return bytes.byteLength - own;
}

/** A server action called with a plain object, as React sends it from a component (JSON, text/plain). */
export async function callActionJson(options: { url: string; path: string; id: string; cookie: string; args: unknown }) {
  const t0 = performance.now();
  const res = await fetch(`${options.url}${options.path}`, {
    method: "POST",
    headers: { Cookie: options.cookie, "Next-Action": options.id, Accept: "text/x-component", "Accept-Encoding": "gzip, deflate, br", "Content-Type": "text/plain;charset=UTF-8" },
    body: JSON.stringify([options.args]),
  });
  const raw = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t0, bytes: Number(res.headers.get("content-length") ?? raw.byteLength), status: res.status, body: raw.toString("utf8") };
}
