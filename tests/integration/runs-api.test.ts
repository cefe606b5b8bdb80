import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, releases } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { createAgentToken } from "@/lib/domain/agents/mutations/tokens";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { reviewAcross } from "@/lib/domain/steps/mutations/review";
import { createTrack } from "@/lib/domain/tracks/mutations/tracks";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";
import { refusal } from "./steps-support";

/**
 * The runs API through its route handlers: agents with their token (never an API token) claim,
 * report and finish; people with an API token start runs and read them and their output (a session
 * may read); the two kinds of token open only their own doors. And the four-eyes waiver travels
 * from a track to its releases; one person reviews a step for every waiting customer.
 */
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.actor, requireUser: async () => session.actor }));

withTestDatabase();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://runsheet.test/api/v1";
async function call(handler: Handler, url: string, init: { token?: string; body?: unknown; params?: Record<string, string>; agent?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.agent) headers["x-runsheet-agent"] = init.agent;
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  if (body) headers["content-type"] = "application/json";
  const res = await handler(new Request(`${BASE}${url}`, { method: body === undefined ? "GET" : "POST", headers, body }), { params: Promise.resolve(init.params ?? {}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const route = {
  claim: () => import("@/app/api/v1/agent/claim/route").then((m) => m.POST as Handler),
  output: () => import("@/app/api/v1/agent/items/[itemId]/output/route").then((m) => m.POST as Handler),
  finish: () => import("@/app/api/v1/agent/items/[itemId]/finish/route").then((m) => m.POST as Handler),
  start: () => import("@/app/api/v1/runs/route").then((m) => m.POST as Handler),
  run: () => import("@/app/api/v1/runs/[runId]/route").then((m) => m.GET as Handler),
  runOutput: () => import("@/app/api/v1/runs/[runId]/items/[itemId]/output/route").then((m) => m.GET as Handler),
  releases: () => import("@/app/api/v1/releases/route").then((m) => m.GET as Handler),
};

async function apiToken(admin: Actor) {
  const { createToken } = await import("@/lib/domain/api-tokens/mutations/tokens");
  const { createTokenInput } = await import("@/lib/domain/api-tokens/input");
  return (await createToken(admin, createTokenInput.parse({ name: "CI", principal: "service", serviceAccount: `Jenkins ${Math.random()}`, role: "release_manager", expiresInDays: "" }))).token;
}

describe("the runs API", () => {
  it("CI starts a run, an agent claims, streams and finishes it over HTTP, and CI reads the outcome and output", async () => {
    const admin = await createActor("admin");
    const cluster = await makeCluster();
    const customer = await makeCustomer(cluster.id);
    const release = await makeRelease({ status: "active", activatedAt: new Date(), agentReviewWaived: true, name: `api-runs-${Math.random().toString(36).slice(2, 6)}` });
    const template = await makeTemplate(release.id, { name: "Deploy", execution: "agent", content: "echo {{ namespace }}" });
    await include(release.id, [customer.id]);
    await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" });
    const ci = await apiToken(admin);
    const agent = (await createAgentToken(admin, { clusterId: cluster.id, name: "api agent" })).token;

    // The tokens open only their own doors.
    expect((await call(await route.claim(), "/agent/claim", { token: ci, body: { max: 1, waitSeconds: 0 } })).status).toBe(401);
    expect((await call(await route.releases(), "/releases", { token: agent })).status).toBe(401);

    const started = await call(await route.start(), "/runs", { token: ci, body: { release: String(release.id), templateStep: template.id, maxParallel: 2, failureBudget: 1 } });
    expect(started.status).toBe(201);
    const runId = started.json.run.id as number;
    expect(started.json.run).toMatchObject({ status: "active", counts: { queued: 1, total: 1 }, startedBy: expect.stringMatching(/^Jenkins/) });

    const claimed = await call(await route.claim(), "/agent/claim", { token: agent, agent: "host-7", body: { max: 2, waitSeconds: 0 } });
    expect(claimed.status).toBe(200);
    const [step] = claimed.json.steps;
    expect(step).toMatchObject({ runId, type: "bash", content: `echo ${customer.namespace}`, namespace: customer.namespace, leaseSeconds: 30 });
    const out = await call(await route.output(), `/agent/items/${step.itemId}/output`, { token: agent, agent: "host-7", params: { itemId: String(step.itemId) }, body: { data: `${customer.namespace}\n` } });
    expect(out.json).toEqual({ cancel: false, leaseLost: false, leaseSeconds: 30 });
    // Another agent of another cluster cannot report on it.
    const otherAgent = (await createAgentToken(admin, { clusterId: (await makeCluster()).id, name: "other" })).token;
    expect((await call(await route.finish(), `/agent/items/${step.itemId}/finish`, { token: otherAgent, params: { itemId: String(step.itemId) }, body: { exitCode: 0, durationMs: 1 } })).status).toBe(404);
    const finished = await call(await route.finish(), `/agent/items/${step.itemId}/finish`, { token: agent, agent: "host-7", params: { itemId: String(step.itemId) }, body: { exitCode: 0, durationMs: 42 } });
    expect(finished.json).toEqual({ state: "done" });

    const run = await call(await route.run(), `/runs/${runId}`, { token: ci, params: { runId: String(runId) } });
    expect(run.json.run).toMatchObject({ status: "finished", counts: { done: 1 } });
    expect(run.json.run.items[0]).toMatchObject({ state: "done", agent: "host-7", exitCode: 0, durationMs: 42, sha256: step.sha256, outputCharacters: customer.namespace.length + 1 });
    const output = await call(await route.runOutput(), `/runs/${runId}/items/${step.itemId}/output?from=0`, { token: ci, params: { runId: String(runId), itemId: String(step.itemId) } });
    expect(output.json).toMatchObject({ state: "done", from: 0, text: `${customer.namespace}\n`, cut: false, exitCode: 0 });
    // Nothing more to do: a long poll of 0 s answers an empty list.
    expect((await call(await route.claim(), "/agent/claim", { token: agent, body: { max: 1, waitSeconds: 0 } })).json).toEqual({ steps: [] });
    // A refusal in words: the step is done.
    const again = await call(await route.start(), "/runs", { token: ci, body: { stepId: step.stepId } });
    expect(again).toMatchObject({ status: 409, json: { error: { code: "invalid_state", message: "This step cannot be run by an agent now: already done or skipped." } } });
  });
});

describe("four eyes for agent steps", () => {
  it("a track may waive it (copied at activation); otherwise one reviewer reviews every waiting customer at once, never their own", async () => {
    const admin = await createActor("admin");
    const [sam, riley] = [await createActor("release_manager", "Sam Writer"), await createActor("release_manager", "Riley Reader")];
    const cluster = await makeCluster();
    const customers = [await makeCustomer(cluster.id), await makeCustomer(cluster.id), await makeCustomer(cluster.id)];
    const waived = await createTrack({ name: `Waived ${Math.random()}`, description: "", defaultFor: "", promoterMayNotBeOnlySigner: true, agentReviewWaived: true, stages: [{ name: "all", clusterIds: [], labelKey: "", labelValue: "", requiredGroupIds: [], soakHours: 0 }] }, admin);
    const onWaived = await makeRelease({ trackId: waived.id });
    await makeTemplate(onWaived.id, { name: "Something to do" });
    await activateRelease({ id: onWaived.id, mode: "all", clusterIds: [], customerIds: [] }, sam);
    expect((await getDb().select().from(releases).where(eq(releases.id, onWaived.id)))[0].agentReviewWaived).toBe(true);

    const plain = await makeRelease({ status: "active", activatedAt: new Date() });
    const template = await makeTemplate(plain.id, { name: "Agent step", execution: "agent", contentById: sam.id });
    await include(plain.id, customers.map((c) => c.id));
    await copyTemplatesToCustomers(getDb(), { releaseId: plain.id, origin: "activation" });
    // Riley overrode one copy: that copy's content is Riley's, the other two are Sam's (the template's).
    await getDb().update(customerSteps).set({ contentById: riley.id, isOverridden: true, content: "echo own" }).where(sql`${customerSteps.templateId} = ${template.id} and ${customerSteps.customerId} = ${customers[2].id}`);
    // Each reviews only what the other wrote, all at once; nobody reviews their own.
    expect(await reviewAcross({ releaseId: plain.id, templateId: template.id }, sam)).toEqual({ reviewed: 1, ownContent: 2 });
    expect((await refusal(() => reviewAcross({ releaseId: plain.id, templateId: template.id }, sam))).message).toBe(
      "Nothing was reviewed: you wrote the content of the 2 copies waiting for a review, so someone else reviews them (four eyes).",
    );
    expect(await reviewAcross({ releaseId: plain.id, templateId: template.id }, riley)).toEqual({ reviewed: 2, ownContent: 0 });
    const rows = await getDb().select().from(customerSteps).where(eq(customerSteps.templateId, template.id)).orderBy(customerSteps.customerId);
    expect(rows.map((r) => r.reviewedById)).toEqual([riley.id, riley.id, sam.id]);
  });
});
