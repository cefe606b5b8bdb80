import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb, getEngine, openDatabase } from "@/db/client";
import { auditLog, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { createActor, withTestDatabase } from "../support/db";
import { activatedRelease, refusal, stepsOf } from "./steps-support";

/**
 * Outgoing webhooks on a real database: the outbox is written by the change's own transaction
 * (and not when it rolls back), deliveries are signed and verifiable, failures are retried with
 * backoff until they give up, and two workers never claim the same delivery.
 */
withTestDatabase();

let server: Server | undefined;
// One database per file: each test starts without endpoints (their deliveries go with them). The
// receivers listen on 127.0.0.1, allowed here as an operator would allow an internal range.
beforeEach(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "127.0.0.1/32";
  delete process.env.WEBHOOK_DISABLE_AFTER_FAILURES;
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
    const { verifySignature } = await import("@/lib/domain/webhooks/model/signature");

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

describe("where a webhook may go (SSRF)", () => {
  it("refuses loopback, link-local, private and unique-local receivers when added, in words at the URL", async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    const cases: Array<[string, RegExp]> = [
      ["http://127.0.0.1:8080/x", /127\.0\.0\.1 is a loopback address/],
      ["http://169.254.169.254/latest/meta-data/", /link-local/],
      ["http://localhost:3000/api", /^localhost resolves to (127\.0\.0\.1|::1), a loopback address: webhooks go to public receivers only/],
      ["http://10.1.2.3/hook", /10\.1\.2\.3 is a private address/],
      ["http://192.168.0.10/hook", /private/],
      ["http://172.20.0.1/hook", /private/],
      ["http://[::1]:80/hook", /::1 is a loopback address/],
      ["http://[fd12::1]/hook", /unique-local/],
      ["http://[::ffff:127.0.0.1]/hook", /^::ffff:7f00:1 is a loopback address/],
      ["http://0x7f000001/hook", /127\.0\.0\.1 is a loopback/],
    ];
    for (const [url, message] of cases) {
      const refused = await refusal(() => endpoint(url, ["step.done"]));
      expect(refused.code, url).toBe("invalid_input");
      expect(refused.fieldErrors?.url?.[0], url).toMatch(message);
    }
    expect(await getDb().select().from(webhookEndpoints)).toEqual([]);
  });

  it("checks at every send, on the addresses the name resolves to: nothing reaches a refused address", async () => {
    const { url, got } = await receiver([200]);
    const port = new URL(url).port;
    // Added while the operator allowed 127.0.0.1; the allowance is then withdrawn.
    const byIp = await endpoint(url, ["step.done"]);
    process.env.WEBHOOK_ALLOW_PRIVATE = "127.0.0.0/8,::1/128";
    const named = await endpoint(`http://localhost:${port}/hook`, ["step.done"]);
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    const { sendTestEvent } = await import("@/lib/domain/webhooks/mutations/webhooks");
    const admin = await createActor("admin");
    await sendTestEvent(admin, { endpointId: byIp.id });
    await sendTestEvent(admin, { endpointId: named.id });
    const { claimDue, recordAttempt } = await import("@/lib/domain/webhooks/mutations/delivery");
    const { sendDelivery } = await import("@/lib/domain/webhooks/deliver");
    for (const d of await claimDue()) await recordAttempt(d, await sendDelivery(d));
    const errors = (await deliveries()).map((d) => [d.endpointId, d.lastError]);
    expect(errors).toEqual([
      [byIp.id, expect.stringMatching(/^Not sent: 127\.0\.0\.1 is a loopback address/)],
      [named.id, expect.stringMatching(/^Not sent: localhost resolves to (127\.0\.0\.1|::1), a loopback address/)],
    ]);
    expect(got).toEqual([]);
    // Allowed again (the operator's CIDR), the same deliveries go through.
    process.env.WEBHOOK_ALLOW_PRIVATE = "127.0.0.0/8,::1/128";
    await getDb().update(webhookDeliveries).set({ nextAttemptAt: sql`now()` });
    for (const d of await claimDue()) await recordAttempt(d, await sendDelivery(d));
    expect((await deliveries()).map((d) => d.status)).toEqual(["delivered", "delivered"]);
    expect(got).toHaveLength(2);
  });

  it("WEBHOOK_ALLOW_PRIVATE is validated at start: a bad CIDR stops the server with its entry named", async () => {
    const { parseEnv } = await import("@/lib/env");
    const result = parseEnv({ NODE_ENV: "development", WEBHOOK_ALLOW_PRIVATE: "10.0.0.0/8,intranet" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join("\n")).toMatch(/WEBHOOK_ALLOW_PRIVATE: must be a list of CIDRs.*"intranet"/);
    expect(parseEnv({ NODE_ENV: "development", WEBHOOK_ALLOW_PRIVATE: "10.0.0.0/8, fd00::/8" }).ok).toBe(true);
  });
});

describe("a receiver that keeps failing", () => {
  it("is disabled after a run of failures (once, audited, with the reason); enabling it sends what is still due", async () => {
    process.env.WEBHOOK_DISABLE_AFTER_FAILURES = "5";
    const { url, got } = await receiver([403, 403, 403, 403, 403, 403, 403, 200]);
    const hook = await endpoint(url, ["step.skipped"]);
    const { release } = await activatedRelease();
    await getDb().execute(sql`update customer_steps set status = 'skipped', skip_reason = 'x', version = version + 1 where release_id = ${release.id}`);
    const { claimDue, recordAttempt } = await import("@/lib/domain/webhooks/mutations/delivery");
    const { sendDelivery } = await import("@/lib/domain/webhooks/deliver");
    const { getEndpoint } = await import("@/lib/domain/webhooks/queries/webhooks");
    // Five failures at once: not yet (the run has not lasted 10 minutes).
    for (const d of await claimDue(5)) await recordAttempt(d, await sendDelivery(d));
    expect(await getEndpoint(hook.id)).toMatchObject({ isActive: true, consecutiveFailures: 5, disabledReason: null });
    // The run started 11 minutes ago: the next failure disables it.
    await getDb().update(webhookEndpoints).set({ failingSince: sql`now() - interval '11 minutes'` });
    for (const d of await claimDue(2)) await recordAttempt(d, await sendDelivery(d));
    const disabled = (await getEndpoint(hook.id))!;
    expect(disabled).toMatchObject({ isActive: false, consecutiveFailures: 7 });
    expect(disabled.disabledReason).toMatch(/^Disabled by Runsheet after 6 failed attempts in a row since .* \(last: HTTP 403\)\./);
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.action, "webhook.auto_disable"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: "system", entityId: String(hook.id) });
    // While disabled nothing is claimed; what was pending stays pending.
    await getDb().update(webhookDeliveries).set({ nextAttemptAt: sql`now()` });
    expect(await claimDue()).toEqual([]);
    const pending = (await deliveries()).filter((d) => d.status === "pending").length;
    expect(pending).toBe(8);
    const { setEndpointActive } = await import("@/lib/domain/webhooks/mutations/webhooks");
    expect(await setEndpointActive(await createActor("admin"), { endpointId: hook.id, active: true })).toMatchObject({ due: 8 });
    expect(await getEndpoint(hook.id)).toMatchObject({ isActive: true, consecutiveFailures: 0, disabledReason: null });
    const resent = await claimDue(10);
    expect(resent).toHaveLength(8);
    const outcomes = [];
    for (const d of resent) outcomes.push(await recordAttempt(d, await sendDelivery(d)));
    expect(outcomes).toEqual(Array(8).fill("delivered"));
    expect(got.length).toBe(15);
  });

  it("prunes delivered and given-up entries past the retention; pending ones always stay", async () => {
    const hook = await endpoint("http://127.0.0.1:9/none", ["step.done"]);
    const old = sql`now() - interval '40 days'`;
    await getDb().insert(webhookDeliveries).values([
      { endpointId: hook.id, event: "ping", payload: {}, status: "delivered", createdAt: old },
      { endpointId: hook.id, event: "ping", payload: {}, status: "failed", createdAt: old },
      { endpointId: hook.id, event: "ping", payload: {}, status: "pending", createdAt: old },
      { endpointId: hook.id, event: "ping", payload: {}, status: "delivered" },
    ]);
    const { pruneDeliveries } = await import("@/lib/domain/webhooks/mutations/delivery");
    expect(await pruneDeliveries(30)).toBe(2);
    expect((await deliveries()).map((d) => d.status)).toEqual(["pending", "delivered"]);
  });
});

describe("a receiver's URL is a secret", () => {
  const slack = "https://hooks.slack.com/services/T000AAAA/B000BBBB/XXXXsecretXXXXXXXXXXXX";
  it("is kept sealed; lists, the audit log and the table show the origin and a masked path; the worker gets it whole", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "0.0.0.0/0,::/0"; // no network here: the name need not resolve
    const hook = await endpoint(slack, ["step.done"], "slack");
    const [row] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id));
    expect(row.url).toBe("https://hooks.slack.com/services/…");
    expect(row.urlBox).not.toContain("secret");
    const { listEndpoints } = await import("@/lib/domain/webhooks/queries/webhooks");
    expect((await listEndpoints())[0].url).toBe("https://hooks.slack.com/services/…");
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.action, "webhook.create"));
    expect(JSON.stringify(audit.at(-1))).not.toContain("XXXXsecret");
    expect(JSON.stringify(audit.at(-1))).toContain("https://hooks.slack.com/services/…");
    const { sendTestEvent } = await import("@/lib/domain/webhooks/mutations/webhooks");
    await sendTestEvent(await createActor("admin"), { endpointId: hook.id });
    const { claimDue } = await import("@/lib/domain/webhooks/mutations/delivery");
    expect((await claimDue())[0].url).toBe(slack);
  });

  it("rows stored before sealing are sealed at start-up, once", async () => {
    const { seal } = await import("@/lib/auth/secret-box");
    await getDb().insert(webhookEndpoints).values({ name: "Old", url: slack, secretBox: seal("whsec_x"), events: ["step.done"] });
    const { sealLegacyUrls } = await import("@/lib/domain/webhooks/mutations/webhooks");
    expect(await sealLegacyUrls()).toBe(1);
    expect(await sealLegacyUrls()).toBe(0);
    const [row] = await getDb().select().from(webhookEndpoints);
    expect(row.url).toBe("https://hooks.slack.com/services/…");
    const { unseal } = await import("@/lib/auth/secret-box");
    expect(unseal(row.urlBox!)).toBe(slack);
  });
});
