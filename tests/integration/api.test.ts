import { readdirSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { apiTokens, auditLog, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, eventsOf, refusal, stepRow, stepsOf } from "./steps-support";
import { stagedRelease, stepsOfCustomer } from "./stages-support";

/**
 * The API from outside its route handlers, on a real database: tokens (hashed, expiring,
 * revocable, rate limited), the same role checks and rules as the server actions, every error
 * as JSON, and an OpenAPI document that lists every route under app/api/v1.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.actor, requireUser: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));

withTestDatabase();

beforeEach(() => {
  session.actor = null;
});
afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://runsheet.test/api/v1";

async function call(handler: Handler, url: string, init: { token?: string; method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(new Request(`${BASE}${url}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body }), { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as Record<string, any>) : null; // eslint-disable-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, text, json };
}

const routes = {
  releases: () => import("@/app/api/v1/releases/route").then((m) => m.GET as Handler),
  status: () => import("@/app/api/v1/releases/[release]/status/route").then((m) => m.GET as Handler),
  find: () => import("@/app/api/v1/steps/route").then((m) => m.GET as Handler),
  step: () => import("@/app/api/v1/steps/[stepId]/route").then((m) => m.GET as Handler),
  done: () => import("@/app/api/v1/steps/[stepId]/done/route").then((m) => m.POST as Handler),
  skip: () => import("@/app/api/v1/steps/[stepId]/skip/route").then((m) => m.POST as Handler),
  revert: () => import("@/app/api/v1/steps/[stepId]/revert/route").then((m) => m.POST as Handler),
  notes: () => import("@/app/api/v1/steps/[stepId]/notes/route").then((m) => m.POST as Handler),
  doneByLookup: () => import("@/app/api/v1/steps/done/route").then((m) => m.POST as Handler),
};

async function token(admin: Actor, values: Record<string, unknown>) {
  const { createToken } = await import("@/lib/domain/api-tokens/mutations/tokens");
  const { createTokenInput } = await import("@/lib/domain/api-tokens/input");
  return createToken(admin, createTokenInput.parse({ name: "CI", principal: "service", serviceAccount: "Jenkins", role: "release_manager", expiresInDays: "", ...values }));
}

describe("API tokens", () => {
  it("are shown once and stored as a SHA-256 hash; a request with one acts as its principal and marks it used", async () => {
    const admin = await createActor("admin");
    const created = await token(admin, {});
    expect(created.token).toMatch(/^rs_[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const { createHash } = await import("node:crypto");
    expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(row.prefix).toBe(created.token.slice(0, 9));
    expect(row.lastUsedAt).toBeNull();
    const [account] = await getDb().select().from(users).where(eq(users.id, row.userId));
    expect(account).toMatchObject({ name: "Jenkins", isServiceAccount: true, passwordHash: null, role: "release_manager" });

    const r = await call(await routes.releases(), "/releases", { token: created.token });
    expect(r.status).toBe(200);
    expect(Array.isArray(r.json!.releases)).toBe(true);
    const [used] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(used.lastUsedAt).not.toBeNull();
    // Audited without the token itself.
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.action, "api_token.create"));
    expect(audit.at(-1)?.summary).toMatch(/Created API token "CI" \(rs_.{6}…\) for Jenkins as Release manager, no expiry/);
    expect(JSON.stringify(audit)).not.toContain(created.token);
    // A second token for the same service account reuses it.
    const again = await token(admin, { name: "CI 2", serviceAccount: "jenkins" });
    const [row2] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, again.id));
    expect(row2.userId).toBe(row.userId);
  });

  it("no token, a malformed header, an unknown, expired or revoked token, or a disabled account: 401 in JSON", async () => {
    const admin = await createActor("admin");
    const handler = await routes.releases();
    const none = await call(handler, "/releases");
    expect(none).toMatchObject({ status: 401, json: { error: { code: "unauthenticated" } } });
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect((await call(handler, "/releases", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await call(handler, "/releases", { token: "rs_nope" })).json).toMatchObject({ error: { message: "That API token is not valid." } });

    const expiring = await token(admin, { name: "short", expiresInDays: "7" });
    expect((await call(handler, "/releases", { token: expiring.token })).status).toBe(200);
    await getDb().update(apiTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiTokens.id, expiring.id));
    expect((await call(handler, "/releases", { token: expiring.token })).json).toMatchObject({ error: { code: "unauthenticated", message: "That API token has expired." } });

    const { revokeToken } = await import("@/lib/domain/api-tokens/mutations/tokens");
    const revoked = await token(admin, { name: "old" });
    await revokeToken(admin, { tokenId: revoked.id });
    expect((await call(handler, "/releases", { token: revoked.token })).json).toMatchObject({ error: { message: "That API token was revoked." } });
    expect(await refusal(() => revokeToken(admin, { tokenId: revoked.id }))).toMatchObject({ code: "invalid_state" });
    expect((await getDb().select().from(auditLog).where(eq(auditLog.action, "api_token.revoke"))).length).toBe(1);

    const person = await createActor("release_manager");
    const personal = await token(admin, { name: "mine", principal: "user", userId: person.id, serviceAccount: "" });
    expect((await call(handler, "/releases", { token: personal.token })).status).toBe(200);
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, person.id));
    expect((await call(handler, "/releases", { token: personal.token })).json).toMatchObject({ error: { message: "The account this API token acts as is disabled." } });
  });

  it("a person's token holds at most their role, and acts with the lesser of the two", async () => {
    const admin = await createActor("admin");
    const viewer = await createActor("viewer");
    const { createToken } = await import("@/lib/domain/api-tokens/mutations/tokens");
    const { createTokenInput } = await import("@/lib/domain/api-tokens/input");
    expect(await refusal(() => createToken(admin, createTokenInput.parse({ name: "x", principal: "user", userId: viewer.id, role: "admin" })))).toMatchObject({
      code: "invalid_input",
      fieldErrors: { role: [expect.stringMatching(/is a Viewer; their token cannot be Admin/)] },
    });
    // The person is demoted after the token was made: the token acts as what they are now.
    const rm = await createActor("release_manager");
    const t = await token(admin, { name: "rm", principal: "user", userId: rm.id });
    await getDb().update(users).set({ role: "viewer" }).where(eq(users.id, rm.id));
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const r = await call(await routes.done(), `/steps/${step.id}/done`, { token: t.token, body: {}, params: { stepId: String(step.id) } });
    expect(r).toMatchObject({ status: 403, json: { error: { code: "forbidden", message: expect.stringMatching(/mark steps done \(Release manager needed\)/) } } });
    expect((await stepRow(step.id)).status).toBe("pending");
  });

  it("the token's create and revoke actions are an admin's alone", async () => {
    const { createTokenAction, revokeTokenAction } = await import("@/lib/domain/api-tokens/actions");
    session.actor = await createActor("release_manager");
    expect(await createTokenAction({ name: "x", principal: "service", serviceAccount: "Bot", role: "viewer" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await revokeTokenAction({ tokenId: 1 })).toMatchObject({ ok: false, code: "forbidden" });
    session.actor = await createActor("admin");
    expect(await createTokenAction({ name: "", principal: "service", serviceAccount: "", role: "viewer" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { name: ["Token name is required."], serviceAccount: [expect.stringMatching(/Name the service account/)] },
    });
  });

  it("past the per-minute limit a token gets 429 with Retry-After, counted in the database", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    const admin = await createActor("admin");
    const t = await token(admin, {});
    const handler = await routes.releases();
    for (let i = 0; i < 3; i++) expect((await call(handler, "/releases", { token: t.token })).status).toBe(200);
    const limited = await call(handler, "/releases", { token: t.token });
    expect(limited).toMatchObject({ status: 429, json: { error: { code: "rate_limited" } } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // A new window starts the count again.
    await getDb().update(apiTokens).set({ windowStartedAt: sql`now() - interval '61 seconds'` }).where(eq(apiTokens.id, t.id));
    expect((await call(handler, "/releases", { token: t.token })).status).toBe(200);
  });
});

describe("step actions through the API", () => {
  it("finds a step by cluster, namespace and name, marks it done as the service account, and a second try is refused with the state", async () => {
    const admin = await createActor("admin");
    const t = await token(admin, {});
    const { release, a, cluster } = await activatedRelease();
    const found = await call(await routes.find(), `/steps?release=${encodeURIComponent(release.name)}&cluster=${cluster.name}&namespace=${a.namespace}&step=deploy%20via%20jenkins`, { token: t.token });
    expect(found.status, found.text).toBe(200);
    expect(found.json!.step).toMatchObject({ status: "pending", version: 1, customer: { id: a.id, namespace: a.namespace, cluster: cluster.name }, step: { name: "Deploy via Jenkins", category: "deploy" } });
    const stepId = found.json!.step.id as number;
    // By ids too.
    const byIds = await call(await routes.find(), `/steps?release=${release.id}&customer=${a.id}&step=${found.json!.step.step.templateId}`, { token: t.token });
    expect(byIds.json!.step.id).toBe(stepId);

    const done = await call(await routes.done(), `/steps/${stepId}/done`, { token: t.token, body: { notes: "https://ci.example/job/42" }, params: { stepId: String(stepId) } });
    expect(done.status).toBe(200);
    expect(done.json!.step).toMatchObject({ status: "done", executedBy: "Jenkins", notes: "https://ci.example/job/42", version: 2 });
    const [event] = await eventsOf(stepId);
    expect(event.kind).toBe("marked_done");
    const again = await call(await routes.done(), `/steps/${stepId}/done`, { token: t.token, body: {}, params: { stepId: String(stepId) } });
    expect(again).toMatchObject({ status: 409, json: { error: { code: "invalid_state", message: "This step is already done." }, step: { status: "done" } } });
  });

  it("one request finds a step by cluster, namespace and name and marks it done (the Jenkins line)", async () => {
    const admin = await createActor("admin");
    const t = await token(admin, {});
    const { release, b, cluster } = await activatedRelease();
    const query = new URLSearchParams({ release: release.name, cluster: cluster.name, namespace: b.namespace, step: "Run Migration SQL" });
    const r = await call(await routes.doneByLookup(), `/steps/done?${query}`, { token: t.token, body: { notes: "https://ci.example/job/9" } });
    expect(r).toMatchObject({ status: 200, json: { step: { status: "done", customer: { id: b.id }, step: { name: "Run Migration SQL" }, executedBy: "Jenkins" } } });
    const missing = new URLSearchParams({ release: release.name, cluster: cluster.name, namespace: "nope", step: "Run Migration SQL" });
    expect(await call(await routes.doneByLookup(), `/steps/done?${missing}`, { token: t.token, body: {} })).toMatchObject({ status: 404 });
    expect(await call(await routes.doneByLookup(), `/steps/done?${query}`, { token: t.token, body: {} })).toMatchObject({ status: 409, json: { error: { code: "invalid_state" } } });
  });

  it("a stale expectedVersion is a 409 that says who changed the step, and nothing changes", async () => {
    const admin = await createActor("admin");
    const rm = await createActor("release_manager", "Riley Stale");
    const t = await token(admin, {});
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const { markStepDone } = await import("@/lib/domain/steps/mutations/transitions");
    await markStepDone({ stepId: step.id, version: 1, notes: "" }, rm);
    const r = await call(await routes.revert(), `/steps/${step.id}/revert`, { token: t.token, body: { expectedVersion: 1 }, params: { stepId: String(step.id) } });
    expect(r).toMatchObject({ status: 409, json: { error: { code: "conflict", message: expect.stringMatching(/Riley Stale/) }, step: { status: "done", version: 2 } } });
    expect((await stepRow(step.id)).status).toBe("done");
    // With the current version it goes through.
    const ok = await call(await routes.revert(), `/steps/${step.id}/revert`, { token: t.token, body: { expectedVersion: 2, reason: "bad build" }, params: { stepId: String(step.id) } });
    expect(ok.json!.step).toMatchObject({ status: "reverted", version: 3 });
  });

  it("bad input is a 400 with field errors and writes nothing; unknown steps are 404", async () => {
    const admin = await createActor("admin");
    const t = await token(admin, {});
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const params = { stepId: String(step.id) };
    const skip = await routes.skip();
    expect(await call(skip, "/x", { token: t.token, body: { reason: "" }, params })).toMatchObject({ status: 400, json: { error: { code: "invalid_input", fieldErrors: { reason: [expect.stringMatching(/reason is required/i)] } } } });
    expect(await call(skip, "/x", { token: t.token, body: {}, params })).toMatchObject({ status: 400, json: { error: { fieldErrors: { reason: expect.any(Array) } } } });
    expect(await call(skip, "/x", { token: t.token, rawBody: "{not json", params })).toMatchObject({ status: 400, json: { error: { message: expect.stringMatching(/must be JSON/) } } });
    expect(await call(skip, "/x", { token: t.token, body: { reason: "x", extra: 1 }, params })).toMatchObject({ status: 400 });
    expect(await call(skip, "/x", { token: t.token, body: { reason: "x", expectedVersion: "two" }, params })).toMatchObject({ status: 400, json: { error: { fieldErrors: { expectedVersion: expect.any(Array) } } } });
    expect(await call(await routes.notes(), "/x", { token: t.token, body: { text: "job", link: "javascript:alert(1)" }, params })).toMatchObject({ status: 400, json: { error: { fieldErrors: { link: ["The link must be an http(s) URL."] } } } });
    expect((await stepRow(step.id)).version).toBe(1);
    expect(await eventsOf(step.id)).toEqual([]);

    expect(await call(skip, "/x", { token: t.token, body: { reason: "x" }, params: { stepId: "999999" } })).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
    expect(await call(skip, "/x", { token: t.token, body: { reason: "x" }, params: { stepId: "abc" } })).toMatchObject({ status: 400, json: { error: { fieldErrors: { stepId: expect.any(Array) } } } });
    expect(await call(await routes.step(), "/x", { token: t.token, params: { stepId: "999999" } })).toMatchObject({ status: 404 });
    expect(await call(await routes.find(), `/steps?release=nope&customer=${a.id}&step=x`, { token: t.token })).toMatchObject({ status: 404 });
    expect(await call(await routes.find(), `/steps?release=${release.id}&step=x`, { token: t.token })).toMatchObject({ status: 400, json: { error: { fieldErrors: { customer: expect.any(Array) } } } });
  });

  it("a note with a link goes on a done step and into its history; a waiting stage refuses a step with the reason", async () => {
    const admin = await createActor("admin");
    const t = await token(admin, {});
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const params = { stepId: String(step.id) };
    await call(await routes.done(), "/x", { token: t.token, body: {}, params });
    const noted = await call(await routes.notes(), "/x", { token: t.token, body: { text: "Deployed by", link: "https://ci.example/job/7" }, params });
    expect(noted.json!.step).toMatchObject({ status: "done", notes: "Deployed by https://ci.example/job/7" });
    const events = await eventsOf(step.id);
    expect(events.map((e) => e.kind)).toEqual(["marked_done", "notes_updated"]);
    expect(events[1].detail).toMatchObject({ link: "https://ci.example/job/7" });

    const s = await stagedRelease();
    const [waiting] = await stepsOfCustomer(s.release.id, s.production.id);
    const gated = await call(await routes.done(), "/x", { token: t.token, body: {}, params: { stepId: String(waiting.id) } });
    expect(gated).toMatchObject({ status: 409, json: { error: { code: "invalid_state", message: expect.stringMatching(/production, which is not open yet/) } } });
  });

  it("a viewer's token reads but may not act", async () => {
    const admin = await createActor("admin");
    const t = await token(admin, { name: "dash", serviceAccount: "Dashboard", role: "viewer" });
    const { release, a } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    expect((await call(await routes.step(), "/x", { token: t.token, params: { stepId: String(step.id) } })).json!.step.id).toBe(step.id);
    expect(await call(await routes.done(), "/x", { token: t.token, body: {}, params: { stepId: String(step.id) } })).toMatchObject({ status: 403 });
    expect((await stepRow(step.id)).status).toBe("pending");
  });
});

describe("release status", () => {
  it("per customer and step in JSON, one row per step in CSV; a signed-in browser may read it too", async () => {
    const admin = await createActor("admin");
    const t = await token(admin, { role: "viewer" });
    const { release, a, b } = await activatedRelease();
    const [step] = await stepsOf(release.id, a.id);
    const { markStepDone } = await import("@/lib/domain/steps/mutations/transitions");
    await markStepDone({ stepId: step.id, version: 1, notes: "" }, admin);
    const handler = await routes.status();
    const r = await call(handler, "/x", { token: t.token, params: { release: String(release.id) } });
    expect(r.status).toBe(200);
    expect(r.json!.release).toMatchObject({ id: release.id, status: "active" });
    expect(r.json!.customers.map((c: { id: number }) => c.id).sort()).toEqual([a.id, b.id].sort());
    const ca = r.json!.customers.find((c: { id: number }) => c.id === a.id);
    expect(ca.steps).toHaveLength(4);
    expect(ca.steps[0]).toMatchObject({ id: step.id, status: "done", executedBy: admin.name });
    expect(ca.complete).toBe(false);

    const csv = await call(handler, "/x?format=csv", { token: t.token, params: { release: release.name } });
    expect(csv.json, csv.text.slice(0, 300)).toBeNull();
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("cluster,customer,namespace,category,step,status,by,at_utc,skip_reason,notes,step_id,version");
    expect(lines).toHaveLength(1 + 8);
    expect(csv.text).toContain(`"done","${admin.name}"`);

    session.actor = admin;
    expect((await call(handler, "/x", { params: { release: String(release.id) } })).status).toBe(200);
    expect((await call(handler, "/x", { params: { release: "no-such-release" } })).status).toBe(404);
  });
});

describe("OpenAPI", () => {
  it("is generated from the operations and covers every route handler under app/api/v1", async () => {
    const { openApiDocument } = await import("@/lib/api/openapi");
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    const dir = path.resolve(import.meta.dirname, "../../app/api/v1");
    const files = (function walk(d: string): string[] {
      return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name === "route.ts" ? [path.join(d, e.name)] : []));
    })(dir);
    const routesOnDisk = files
      .map((f) => "/" + path.relative(dir, path.dirname(f)).split(path.sep).join("/"))
      .map((r) => r.replace(/\[([^\]]+)\]/g, "{$1}"))
      .filter((r) => r !== "/openapi.json");
    expect(Object.keys(doc.paths).sort()).toEqual(routesOnDisk.sort());
    expect(doc.paths["/steps/{stepId}/done"].post.responses).toHaveProperty("409");
    expect(doc.components.schemas).toHaveProperty("CustomerStep");
    expect(doc.components.schemas).toHaveProperty("Error");
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
  });
});
