import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { baseURL } from "../../playwright.config";
import { demo, storageState } from "./support/users";

/**
 * Security from outside, against the production build: what a request without a valid session
 * gets back, where redirects may go, what bad bodies get, and the headers. The route list comes
 * from the app/ tree, so a new page is covered the day it is added.
 */

const SECRET = process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-0123";
const COOKIE = "next-auth.session-token";
/** Seeded names, namespaces, paths and people: none may appear for a visitor without a session. */
const SEEDED = ["prod-us", "prod-eu", "customer-a", "cust-a-prod", "prod-us-config", "v2.5.0", "v2.4.0", "Deploy via Jenkins", "Riley Release", "rm@runsheet.local"];
/** Route handlers anyone may call, and why. A new one must be added here (with its own guard). */
const PUBLIC_ROUTES: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's own endpoints (sign-in, sign-out, CSRF)",
  "/api/health": "liveness and database check for the container; no product data",
  "/api/v1/openapi.json": "the API's description, generated from its schemas; no product data",
};

const appDir = path.resolve(import.meta.dirname, "../../app");
function files(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full, name);
    return e.name === name ? [full] : [];
  });
}
/** "app/(app)/releases/[releaseId]/page.tsx" → "/releases/[releaseId]". */
const routeOf = (file: string) =>
  "/" +
  path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");
/** Seeded ids stand in for parameters: release 1, its template 1, cluster 1, customer 1. */
const urlOf = (route: string) => route.replace(/\[[^\]]+\]/g, "1") || "/";

const pages = files(appDir, "page.tsx").map(routeOf);
const routeHandlers = files(appDir, "route.ts").map(routeOf);
/** API routes: each establishes its caller (a token, or a session for reads) and answers 401 JSON. */
const apiRoutes = routeHandlers.filter((r) => r.startsWith("/api/v1/") && !(r in PUBLIC_ROUTES));

async function get(request: APIRequestContext, url: string, cookie?: string): Promise<APIResponse> {
  return request.get(url, { maxRedirects: 0, headers: cookie ? { cookie: `${COOKIE}=${cookie}` } : {} });
}

function leaks(body: string): string[] {
  return SEEDED.filter((needle) => body.includes(needle));
}

test.describe("no product data without a valid session", () => {
  test("the page list is read from app/ and holds the pages we know", () => {
    expect(pages).toEqual(expect.arrayContaining(["/clusters", "/clusters/[clusterId]", "/customers/[customerId]", "/releases/[releaseId]/matrix"]));
    expect(pages.length).toBeGreaterThan(15);
  });

  test("every route handler is a known public one or an API route that establishes its caller", () => {
    expect(routeHandlers.filter((r) => !apiRoutes.includes(r)).sort()).toEqual(Object.keys(PUBLIC_ROUTES).sort());
    expect(apiRoutes).toEqual(expect.arrayContaining(["/api/v1/releases", "/api/v1/steps/[stepId]/done"]));
  });

  test("every API route answers 401 in JSON, with no data, to no token, a forged token, a forged cookie or an expired one", async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const expired = await encode({ token: { sid: "no-such-session" }, secret: SECRET, maxAge: -60 });
    const callers: Record<string, Record<string, string>> = {
      none: {},
      forgedToken: { authorization: "Bearer rs_forged0000000000000000000000000000000000000" },
      forgedAgentToken: { authorization: "Bearer rsa_forged000000000000000000000000000000000000" },
      notBearer: { authorization: "Basic YWRtaW46YWRtaW4=" },
      forgedCookie: { cookie: `${COOKIE}=anything` },
      expiredCookie: { cookie: `${COOKIE}=${expired}` },
    };
    const problems: string[] = [];
    for (const route of apiRoutes) {
      for (const method of ["GET", "POST", "PUT"] as const) {
        for (const [kind, headers] of Object.entries(callers)) {
          const url = urlOf(route) + (route === "/api/v1/steps" ? "?release=1&customer=1&step=1" : "");
          const response = await request.fetch(url, { method, headers: { ...headers, "content-type": "application/json" }, data: method === "GET" ? undefined : "{}", maxRedirects: 0 });
          const body = await response.text();
          if (response.status() === 405) continue; // the route does not take this method
          if (response.status() !== 401) problems.push(`${method} ${route} (${kind}): HTTP ${response.status()}`);
          else if (!/^application\/json/.test(response.headers()["content-type"] ?? "")) problems.push(`${method} ${route} (${kind}): not JSON`);
          const leaked = leaks(body);
          if (leaked.length) problems.push(`${method} ${route} (${kind}): body shows ${leaked.join(", ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
    await request.dispose();
  });

  test("the seeded data really is on the pages for a signed-in admin (the check below can fail)", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("admin") });
    const found = new Set<string>();
    for (const route of ["/clusters", "/customers", "/releases/1", "/releases/1/matrix"]) {
      const body = await (await context.request.get(urlOf(route))).text();
      for (const needle of leaks(body)) found.add(needle);
    }
    expect([...found]).toEqual(expect.arrayContaining(["prod-us", "customer-a", "cust-a-prod", "prod-us-config", "v2.5.0"]));
    await context.close();
  });

  test("no cookie, a forged cookie, an expired token and a revoked session get no data from any page", async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
    // A validly signed token whose session does not exist, and one past its expiry.
    const unknownSession = await encode({ token: { sid: "no-such-session" }, secret: SECRET });
    const expired = await encode({ token: { sid: "no-such-session" }, secret: SECRET, maxAge: -60 });
    // A real session, then signed out: its cookie still decodes, but the server revoked it.
    const revoked = await revokedSessionCookie(request);
    const cookies: Record<string, string | undefined> = { none: undefined, forged: "anything", unknownSession, expired, revoked };

    const problems: string[] = [];
    for (const route of pages) {
      for (const [kind, cookie] of Object.entries(cookies)) {
        const response = await get(request, urlOf(route), cookie);
        const body = await response.text();
        const leaked = leaks(body);
        if (leaked.length) problems.push(`${route} (${kind}): ${response.status()} body shows ${leaked.join(", ")}`);
        if (response.status() >= 500) problems.push(`${route} (${kind}): HTTP ${response.status()}`);
        const location = response.headers()["location"] ?? "";
        if (response.status() === 200 && !/^\/(sign-in|setup|forbidden)/.test(route)) problems.push(`${route} (${kind}): rendered with HTTP 200`);
        if (location && !/\/(sign-in|setup)/.test(location)) problems.push(`${route} (${kind}): redirected to ${location}`);
      }
    }
    expect(problems).toEqual([]);
    await request.dispose();
  });
});

/** Signs in through next-auth's credentials endpoint, signs out, and returns the old cookie. */
async function revokedSessionCookie(request: APIRequestContext): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signIn = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: demo.viewer.email, password: demo.viewer.password, json: "true" },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBeLessThan(400);
  const state = await request.storageState();
  const token = state.cookies.find((c) => c.name === COOKIE)?.value;
  expect(token, "a session cookie after signing in").toBeTruthy();
  // Signed in, the dashboard shows data (so the cookie is real)…
  expect(leaks(await (await request.get("/clusters")).text()).length).toBeGreaterThan(0);
  // …then signed out, which revokes the session on the server.
  const { csrfToken: again } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/signout", { form: { csrfToken: again, json: "true" }, maxRedirects: 0 });
  await request.storageState().then(() => undefined);
  return token!;
}

test.describe("redirects after sign-in stay on this site", () => {
  test.use({ storageState: storageState("viewer") });

  for (const payload of ["/%5Cevil.example/", "/%09/evil.example/", "//evil.example/", "https://evil.example/", "/%2F/evil.example", "/%0A/evil.example"]) {
    test(`a signed-in visitor to /sign-in?callbackUrl=${payload} stays here`, async ({ page }) => {
      const response = await page.request.get(`/sign-in?callbackUrl=${payload}`, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      const location = response.headers()["location"];
      expect(new URL(location, baseURL).origin).toBe(new URL(baseURL).origin);
      expect(location).not.toMatch(/[\\\t\n]|evil/);
    });
  }
});

test("the sign-in form sends its callback through the same check, and posts even without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.78" } });
  const page = await context.newPage();
  await page.goto("/sign-in?callbackUrl=/%5Cevil.example/");
  await page.getByLabel("Email").fill(demo.viewer.email);
  await page.getByLabel("Password").fill(demo.viewer.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(demo.viewer.name);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
  await context.close();

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const bare = await noScript.newPage();
  await bare.goto("/sign-in");
  await expect(bare.locator("form").first()).toHaveAttribute("method", "post");
  await bare.getByLabel("Email").fill("someone@example.com");
  await bare.getByLabel("Password").fill("a-secret-password");
  await bare.getByRole("button", { name: "Sign in", exact: true }).click();
  await bare.waitForLoadState();
  expect(bare.url()).not.toContain("a-secret-password");
  expect(bare.url()).not.toContain("password=");
  await noScript.close();
});

test.describe("bad action bodies get an answer in words, never a 500", () => {
  test.use({ storageState: storageState("rm") });

  const post = (page: Page, body: string | Buffer, contentType: string) =>
    page.request.post("/releases", { headers: { "Next-Action": "0".repeat(42), Accept: "text/x-component", "Content-Type": contentType }, data: body, maxRedirects: 0 });

  test("oversized, undecodable and unsupported bodies", async ({ page }) => {
    await page.goto("/releases");
    const big = await post(page, JSON.stringify([{ content: "x".repeat(1024 * 1024 + 10) }]), "text/plain;charset=UTF-8");
    expect(big.status()).toBe(413);
    expect(await big.json()).toMatchObject({ ok: false, code: "invalid_input", message: expect.stringMatching(/limited to 1024 KB/) });

    const garbage = await post(page, "[{not json", "text/plain;charset=UTF-8");
    expect(garbage.status()).toBe(400);
    expect(await garbage.json()).toMatchObject({ ok: false, code: "invalid_input", message: expect.stringMatching(/could not be read/) });

    const badUtf8 = await post(page, Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]), "text/plain;charset=UTF-8");
    expect(badUtf8.status()).toBe(400);

    const badMultipart = await post(page, "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated", "multipart/form-data; boundary=x");
    expect(badMultipart.status()).toBe(400);

    const xml = await post(page, "<a/>", "application/xml");
    expect(xml.status()).toBe(415);
  });

  test("crafted React wire references and cross-origin calls: 400 and 403 in words, nothing printed", async ({ page }) => {
    await page.goto("/releases");
    for (const body of [["$@0"], [{ id: "$F0" }], [{ nested: ["$Q1"] }], ["$1"], ["$T"]]) {
      const res = await post(page, JSON.stringify(body), "text/plain;charset=UTF-8");
      expect(res.status(), JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: "invalid_input", message: "The request could not be read (unsupported data). Nothing was changed." });
    }
    const form = "--rs-e2e-boundary\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[\"$@1\"]\r\n--rs-e2e-boundary--\r\n";
    const multipart = await post(page, form, "multipart/form-data; boundary=rs-e2e-boundary");
    expect(multipart.status()).toBe(400);

    const foreign = await page.request.post("/releases", {
      headers: { "Next-Action": "0".repeat(42), Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", Origin: "https://evil.example" },
      data: JSON.stringify([{ name: "x" }]),
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, code: "forbidden", message: "This request came from another site and was refused. Nothing was changed." });
  });
});

test.describe("headers", () => {
  test("HSTS when the request came over https, nosniff on pages and on static files", async ({ request }) => {
    const plain = await request.get("/sign-in");
    expect(plain.headers()["strict-transport-security"]).toBeUndefined();
    expect(plain.headers()["x-content-type-options"]).toBe("nosniff");

    const overHttps = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
    expect(overHttps.headers()["strict-transport-security"]).toMatch(/max-age=(\d+)/);
    expect(Number(/max-age=(\d+)/.exec(overHttps.headers()["strict-transport-security"])![1])).toBeGreaterThanOrEqual(31_536_000);

    const html = await plain.text();
    const asset = /\/_next\/static\/[^"']+\.(js|css)/.exec(html)?.[0];
    expect(asset, "a static asset linked from the page").toBeTruthy();
    const staticFile = await request.get(asset!);
    expect(staticFile.status()).toBe(200);
    expect(staticFile.headers()["x-content-type-options"]).toBe("nosniff");
    const staticHttps = await request.get(asset!, { headers: { "x-forwarded-proto": "https" } });
    expect(staticHttps.headers()["strict-transport-security"]).toMatch(/max-age=31536000/);
  });
});
