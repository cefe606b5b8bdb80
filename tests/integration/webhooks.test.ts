import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb, getEngine, openDatabase } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, refusal, stepsOf } from "./steps-support";

/**
 * Outgoing webhooks on a real database: the outbox is written by the change's own transaction
 * (and not when it rolls back), deliveries are signed and verifiable, failures are retried with
 * backoff until they give up, and two workers never claim the same delivery.
 */
withTestDatabase();

let server: Server | undefined;
// One database per file: each test starts without endpoints (their deliveries go with them).
beforeEach(async () => {
  await getDb().execute(sql`delete from webhook_endpoints`);
});
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A receiver that answers with the given statuses in turn and keeps what it got. */
async function receiver(statuses: number[]) {
  const got: Array<{ headers: IncomingMessage["headers"]; body: string }> = [];
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(got.length - 1, statuses.length - 1)];
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`, got };
}

async function endpoint(url: string, events: string[], format: "json" | "slack" = "json") {
  const { createEndpoint } = await import("@/lib/domain/webhooks/mutations/webhooks");
  const { createEndpointInput } = await import("@/lib/domain/webhooks/input");
  return createEndpoint(await createActor("admin"), createEndpointInput.parse({ name: "CI", url, events, format }));
}

const deliveries = () => getDb().select().from(webhookDeliveries).orderBy(webhookDeliveries.id);

describe("the outbox", () => {
  it("a step marked done writes one delivery per subscribed endpoint in the same transaction; a rollback writes none", async () => {
    const hook = await endpoint("http://127.0.0.1:9/none", ["step.done", "customer.completed", "release.completed"]);
    await endpoint("http://127.0.0.1:9/other", ["step.skipped"]);
    const { release, a, b } = await activatedRelease();
    const [first] = await stepsOf(release.id, a.id);
    const rm = await createActor("release_manager", "Riley Hook");
    const { markStepDone } = await import("@/lib/domain/steps/mutations/transitions");
    await markStepDone({ stepId: first.id, version: first.version, notes: "build 9" }, rm);
    const [d] = await deliveries();
    expect(d).toMatchObject({ endpointId: hook.id, event: "step.done", status: "pending", attempts: 0 });
    expect(d.payload).toMatchObject({
      event: "step.done",
      release: { id: release.id, name: release.name },
      customer: { id: a.id, name: a.name, namespace: a.namespace },
      step: { id: first.id, name: "Deploy via Jenkins", status: "done", notes: "build 9" },
      by: "Riley Hook",
    });

    await getDb()
      .transaction(async (tx) => {
        await tx.execute(sql`update customer_steps set status = 'done', version = version + 1 where release_id = ${release.id} and customer_id = ${b.id}`);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await deliveries()).toHaveLength(1);

    // Finishing every step of a, then of b: customer.completed for each, release.completed once.
    await getDb().execute(sql`update customer_steps set status = 'done', version = version + 1, updated_by_id = ${rm.id} where release_id = ${release.id} and customer_id = ${a.id} and status <> 'done'`);
    let events = (await deliveries()).map((x) => x.event);
    expect(events.filter((e) => e === "customer.completed")).toHaveLength(1);
    expect(events).not.toContain("release.completed");
    await getDb().execute(sql`update customer_steps set status = 'skipped', skip_reason = 'n/a', version = version + 1 where release_id = ${release.id} and customer_id = ${b.id}`);
    events = (await deliveries()).map((x) => x.event);
    expect(events.filter((e) => e === "customer.completed")).toHaveLength(2);
    expect(events.filter((e) => e === "release.completed")).toHaveLength(1);
    // The other endpoint only wanted skips: one per skipped step of b.
    expect((await deliveries()).filter((x) => x.event === "step.skipped")).toHaveLength(4);
  });
});

describe("delivery", () => {
  it("is signed over the body with a timestamp the receiver checks; a failure is retried with backoff and then delivered", async () => {
    const { url, got } = await receiver([500, 204]);
    const hook = await endpoint(url, ["step.done"]);
    const { release, a } = await activatedRelease();
    const [first] = await stepsOf(release.id, a.id);
    const { markStepDone } = await import("@/lib/domain/steps/mutations/transitions");
    await markStepDone({ stepId: first.id, version: first.version, notes: "" }, await createActor("release_manager"));
    const { claimDue, recordAttempt } = await import("@/lib/domain/webhooks/mutations/delivery");
    const { sendDelivery } = await import("@/lib/domain/webhooks/deliver");
    const { verifySignature } = await import("@/lib/domain/webhooks/model/events");

    const [claimed] = await claimDue();
    expect(claimed).toMatchObject({ endpointId: hook.id, event: "step.done", attempts: 1 });
    expect(await recordAttempt(claimed, await sendDelivery(claimed))).toBe("retry");
    const [afterFailure] = await deliveries();
    expect(afterFailure).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "The receiver answered HTTP 500." });
    const wait = (afterFailure.nextAttemptAt.getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(6);
    expect(wait).toBeLessThan(14);
    expect(await claimDue()).toEqual([]); // not due yet

    await getDb().update(webhookDeliveries).set({ nextAttemptAt: sql`now()` }).where(eq(webhookDeliveries.id, claimed.id));
    const [again] = await claimDue();
    expect(again.attempts).toBe(2);
    expect(await recordAttempt(again, await sendDelivery(again))).toBe("delivered");
    expect((await deliveries())[0]).toMatchObject({ status: "delivered", lastStatusCode: 204, lastError: null });

    expect(got).toHaveLength(2);
    const { headers, body } = got[1];
    expect(headers["x-runsheet-event"]).toBe("step.done");
    expect(JSON.parse(body)).toMatchObject({ id: claimed.id, event: "step.done", step: { id: first.id } });
    const signature = String(headers["x-runsheet-signature"]);
    expect(verifySignature(hook.secret, body, signature)).toBe(true);
    expect(verifySignature(hook.secret, body.replace("step.done", "step.skip"), signature)).toBe(false);
    expect(verifySignature("whsec_other", body, signature)).toBe(false);
    // A replay ten minutes later is refused.
    expect(verifySignature(hook.secret, body, signature, Math.floor(Date.now() / 1000) + 600)).toBe(false);
  });

  it("gives up after the last attempt; a redelivery is a new entry that names the one it repeats", async () => {
    const hook = await endpoint("http://127.0.0.1:9/closed", ["step.done"], "slack");
    const { release, a } = await activatedRelease();
    const [first] = await stepsOf(release.id, a.id);
    const { markStepDone } = await import("@/lib/domain/steps/mutations/transitions");
    await markStepDone({ stepId: first.id, version: first.version, notes: "" }, await createActor("release_manager"));
    const { claimDue, recordAttempt, MAX_ATTEMPTS } = await import("@/lib/domain/webhooks/mutations/delivery");
    const { bodyOf } = await import("@/lib/domain/webhooks/deliver");
    await getDb().update(webhookDeliveries).set({ attempts: MAX_ATTEMPTS - 1 });
    const [claimed] = await claimDue();
    expect(JSON.parse(bodyOf(claimed))).toEqual({ text: expect.stringMatching(/^✅ .*"Deploy via Jenkins" done for /) });
    expect(await recordAttempt(claimed, { ok: false, statusCode: null, error: "Could not connect" })).toBe("failed");
    const { redeliver } = await import("@/lib/domain/webhooks/mutations/webhooks");
    const again = await redeliver(await createActor("admin"), { deliveryId: claimed.id });
    const rows = await deliveries();
    expect(rows.map((r) => [r.status, r.redeliveryOf])).toEqual([
      ["failed", null],
      ["pending", claimed.id],
    ]);
    expect(again.endpointId).toBe(hook.id);
  });

  it("lists endpoints with their latest delivery; a disabled endpoint's test event is refused in words", async () => {
    const hook = await endpoint("http://127.0.0.1:9/none", ["step.done"]);
    const admin = await createActor("admin");
    const { sendTestEvent, setEndpointActive } = await import("@/lib/domain/webhooks/mutations/webhooks");
    const { getEndpoint, listEndpoints } = await import("@/lib/domain/webhooks/queries/webhooks");
    expect((await getEndpoint(hook.id))?.last).toBeNull();
    await sendTestEvent(admin, { endpointId: hook.id });
    expect(await listEndpoints()).toEqual([expect.objectContaining({ id: hook.id, isActive: true, failing: 0, last: expect.objectContaining({ status: "pending" }) })]);
    await setEndpointActive(admin, { endpointId: hook.id, active: false });
    expect(await refusal(() => sendTestEvent(admin, { endpointId: hook.id }))).toMatchObject({ code: "invalid_state", message: "This webhook is disabled. Enable it to send a test event." });
    expect(await refusal(() => sendTestEvent(admin, { endpointId: 999999 }))).toMatchObject({ code: "not_found" });
    expect(await getEndpoint(999999)).toBeNull();
  });

  it("two workers claiming at once never get the same delivery (Postgres: FOR UPDATE SKIP LOCKED)", async (ctx) => {
    if (getEngine() !== "postgres") return ctx.skip();
    await endpoint("http://127.0.0.1:9/none", ["step.skipped"]);
    const { release } = await activatedRelease();
    await getDb().execute(sql`update customer_steps set status = 'skipped', skip_reason = 'x', version = version + 1 where release_id = ${release.id}`);
    expect(await deliveries()).toHaveLength(8);
    // A second process: its own connections to the same database.
    const url = (getDb() as unknown as { $client: { options: { host: string[]; port: number[]; database: string; user: string } } }).$client.options;
    const other = openDatabase({ databaseUrl: `postgres://${url.user}@${url.host[0]}:${url.port[0]}/${url.database}` });
    try {
      const { claimDue } = await import("@/lib/domain/webhooks/mutations/delivery");
      const rounds = await Promise.all([claimDue(3, 60), claimDue(3, 60, other.db), claimDue(3, 60), claimDue(3, 60, other.db)]);
      const ids = rounds.flat().map((d) => d.id);
      expect(ids).toHaveLength(8);
      expect(new Set(ids).size).toBe(8);
    } finally {
      await other.close();
    }
  });
});
