import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createActor, withTestDatabase } from "../support/db";
import { manifestRelease } from "./manifests-support";

/**
 * The manifest repository through the API's route handlers, as a CI job would use it: publish a
 * stage by name, read the merge view, have a second principal approve the reviewed commit, and
 * compare with the repository; a viewer's token cannot publish.
 */
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null, requireUser: async () => null }));

withTestDatabase();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://runsheet.test/api/v1";
async function call(handler: Handler, url: string, init: { token: string; body?: unknown; params?: Record<string, string> }) {
  const headers: Record<string, string> = { authorization: `Bearer ${init.token}` };
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  if (body) headers["content-type"] = "application/json";
  const res = await handler(new Request(`${BASE}${url}`, { method: body === undefined ? "GET" : "POST", headers, body }), { params: Promise.resolve(init.params ?? {}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const route = {
  publish: () => import("@/app/api/v1/releases/[release]/manifests/publish/route").then((m) => m.POST as Handler),
  compare: () => import("@/app/api/v1/releases/[release]/manifests/compare/route").then((m) => m.POST as Handler),
  publishOf: () => import("@/app/api/v1/manifests/[publishId]/route").then((m) => m.GET as Handler),
  merge: () => import("@/app/api/v1/manifests/[publishId]/merge/route").then((m) => m.POST as Handler),
  step: () => import("@/app/api/v1/steps/[stepId]/route").then((m) => m.GET as Handler),
};

async function tokenFor(admin: Actor, user: Actor) {
  const { createToken } = await import("@/lib/domain/api-tokens/mutations/tokens");
  const { createTokenInput } = await import("@/lib/domain/api-tokens/input");
  return (await createToken(admin, createTokenInput.parse({ name: `token ${user.name}`, principal: "user", userId: String(user.id), role: user.role, expiresInDays: "" }))).token;
}

describe("the manifests API", () => {
  it("publishes a stage by name, shows the merge view, merges on a second person's approval and compares", async () => {
    const t = await manifestRelease();
    const [publisher, approver, viewer] = [await tokenFor(t.admin, t.rm), await tokenFor(t.admin, t.approver), await tokenFor(t.admin, await createActor("viewer"))];
    const release = String(t.release.id);

    const denied = await call(await route.publish(), `/releases/${release}/manifests/publish`, { token: viewer, body: { stage: "canary" }, params: { release } });
    expect(denied.status).toBe(403);
    const noStage = await call(await route.publish(), `/releases/${release}/manifests/publish`, { token: publisher, body: { stage: "nope" }, params: { release } });
    expect(noStage.status).toBe(404);

    const published = await call(await route.publish(), `/releases/${release}/manifests/publish`, { token: publisher, body: { stage: "canary" }, params: { release } });
    expect(published.status).toBe(201);
    const [p] = published.json.publishes as Array<{ id: number; commitSha: string; files: number }>;
    expect(p).toMatchObject({ files: 2, branch: `runsheet/${t.release.versionNumber}/canary` });

    const view = await call(await route.publishOf(), `/manifests/${p!.id}`, { token: viewer, params: { publishId: String(p!.id) } });
    expect(view.status).toBe(200);
    expect(view.json.publish.files[0]).toMatchObject({ change: "added", before: null, objects: [{ kind: "ConfigMap", name: "app-config", change: "added", wrongNamespace: false }] });

    const self = await call(await route.merge(), `/manifests/${p!.id}/merge`, { token: publisher, body: { commitSha: p!.commitSha }, params: { publishId: String(p!.id) } });
    expect(self.status).toBe(409);
    expect(self.json.error.message).toMatch(/someone else approves/);
    const merged = await call(await route.merge(), `/manifests/${p!.id}/merge`, { token: approver, body: { commitSha: p!.commitSha }, params: { publishId: String(p!.id) } });
    expect(merged.status).toBe(200);
    expect(merged.json).toMatchObject({ mergedSha: p!.commitSha, done: 2 });
    expect(t.repo.head("main")).toBe(p!.commitSha);

    // The step itself carries its evidence.
    const stepId = String(view.json.publish.files[0].stepId);
    const step = await call(await route.step(), `/steps/${stepId}`, { token: viewer, params: { stepId } });
    expect(step.json.step).toMatchObject({ status: "done", executedBy: t.approver.name, manifest: { commitSha: p!.commitSha, branch: "main", approvedBy: t.approver.name, publishedBy: t.rm.name } });

    const compared = await call(await route.compare(), `/releases/${release}/manifests/compare`, { token: publisher, body: {}, params: { release } });
    expect(compared.json).toMatchObject({ checked: 2, same: 2, changed: [], targetSha: p!.commitSha });
  });
});
