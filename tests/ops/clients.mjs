/**
 * The standalone check's clients: Debian's Chromium through Playwright (sign in, make a change,
 * come back after a restart) and plain HTTP sign-ins through next-auth (the write loop that is
 * interrupted by kill -9). Used by scripts/standalone-check.mjs.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const demo = [
  { email: "admin@runsheet.local", password: "admin-demo-pass", name: "Alex Admin" },
  { email: "rm@runsheet.local", password: "rm-demo-pass", name: "Riley Release" },
  { email: "sam@runsheet.local", password: "sam-demo-pass", name: "Sam Shipper" },
  { email: "viewer@runsheet.local", password: "viewer-demo-pass", name: "Vic Viewer" },
];
/** The seed's approvers (viewers in approver groups, lib/ops/seed-demo.ts): counted, not used to sign in. */
export const demoApprovers = [
  { email: "qa@runsheet.local", password: "qa-demo-pass", name: "Quinn QA" },
  { email: "product@runsheet.local", password: "product-demo-pass", name: "Parker Product" },
  { email: "security@runsheet.local", password: "security-demo-pass", name: "Sasha Security" },
];


// ── the browser and HTTP clients ─────────────────────────────────────────────────────────────
export const chromiumPath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
let browser;
export async function getBrowser() {
  browser ??= await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  return browser;
}

/** Signs in through the page and makes one change through a server action where the UI has one. */
export async function signInAndMutate(server, clusterName) {
  const context = await (await getBrowser()).newContext({ baseURL: server.base });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demo[0].email);
  await page.getByLabel("Password").fill(demo[0].password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 15_000 });
  await page.getByText(demo[0].name).first().waitFor({ timeout: 10_000 });
  // One real mutation through a server action: create a cluster in the dialog (admin).
  await page.goto("/clusters");
  await page.getByRole("button", { name: "+ Cluster" }).click();
  await page.getByRole("dialog").getByLabel(/^name/i).first().fill(clusterName);
  await page.getByRole("dialog").getByRole("button", { name: "Create cluster" }).click();
  await page.getByRole("link", { name: clusterName }).first().waitFor({ timeout: 10_000 });
  const created = true;
  const state = await context.storageState();
  await context.close();
  return { state, created };
}

/** After a restart: the saved cookie still names a live session, and the change is still there. */
export async function stillThere(server, { state, created }, clusterName) {
  const context = await (await getBrowser()).newContext({ baseURL: server.base, storageState: state });
  const page = await context.newPage();
  await page.goto("/clusters");
  if (new URL(page.url()).pathname.startsWith("/sign-in")) throw new Error("the session did not survive the restart (sent to sign-in)");
  await page.getByText(demo[0].name).first().waitFor({ timeout: 10_000 });
  if (created) await page.getByText(clusterName).first().waitFor({ timeout: 10_000 });
  await context.close();
  return created ? `session and cluster "${clusterName}" present` : "session present";
}

export function cookiesFrom(res) {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** One credentials sign-in over HTTP (next-auth); resolves to its session cookie once acknowledged. */
export async function httpSignIn(base, csrf, who) {
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
    body: new URLSearchParams({ csrfToken: csrf.token, email: who.email, password: who.password, json: "true", callbackUrl: base }),
    signal: AbortSignal.timeout(10_000),
  });
  const session = cookiesFrom(res).find((c) => /session-token=/.test(c) && !/session-token=$/.test(c));
  return session;
}

export async function csrfFor(base) {
  const res = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await res.json();
  return { token: csrfToken, cookie: cookiesFrom(res).join("; ") };
}

export async function sessionWorks(base, cookie) {
  const res = await fetch(`${base}/clusters`, { headers: { cookie }, redirect: "manual" });
  return res.status === 200;
}

export async function closeBrowser() {
  await browser?.close().catch(() => {});
  browser = undefined;
}
