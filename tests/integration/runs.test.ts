import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, releases, runItems, stepEvents, stepTemplates, webhookDeliveries } from "@/db/schema";
import { agentForToken, type AgentContext } from "@/lib/auth/agent-token";
import type { Actor } from "@/lib/auth/roles";
import { createAgentToken, revokeAgentToken } from "@/lib/domain/agents/mutations/tokens";
import { claimSteps } from "@/lib/domain/runs/mutations/claim";
import { cancelRun, resumeRun } from "@/lib/domain/runs/mutations/control";
import { expireLeases, settleIdleRunsNow } from "@/lib/domain/runs/mutations/leases";
import { appendRunOutput, finishRunItem } from "@/lib/domain/runs/mutations/report";
import { startAcrossRun, startCustomerRun, startStepRun } from "@/lib/domain/runs/mutations/start";
import { getRun, runOutput } from "@/lib/domain/runs/queries/runs";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { recordReview } from "@/lib/domain/steps/mutations/review";
import { markStepDone } from "@/lib/domain/steps/mutations/transitions";
import { getStepDetail } from "@/lib/domain/steps/queries/steps";
import { getCustomerLedger } from "@/lib/domain/customers/queries/ledger";
import { updateCustomer } from "@/lib/domain/customers/mutations/customers";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";
import { refusal, stepRow } from "./steps-support";
import { stagedRelease } from "./stages-support";

/**
 * Runs on a real database: agents of one cluster see and claim only that cluster's work, what runs
 * is fixed when it is claimed, every rule of a click holds for a run, a lease that runs out is
 * "outcome unknown" and never runs again, the failure budget pauses a run, cancel stops it.
 */
withTestDatabase();

const across = { maxParallel: 5, maxParallelPerCluster: 5, timeoutMinutes: 10 };

async function agentFor(clusterId: number, name = "agent-1"): Promise<AgentContext> {
  const token = await createAgentToken(await createActor("admin"), { clusterId, name: `token ${name}` });
  const check = await agentForToken(token.token, { name, version: "1" });
  if (!check.ok) throw new Error(check.reason);
  return check.agent;
}

/** An active release with one agent step (and a manual one), over two clusters; four eyes waived unless asked. */
async function agentRelease(options: { customersPerCluster?: number; review?: boolean; content?: string } = {}) {
  const rm = await createActor("release_manager", `Riley Runner ${Math.random().toString(36).slice(2, 6)}`);
  const [east, west] = [await makeCluster({ kubeconfigPath: "/etc/kube/east" }), await makeCluster()];
  const customers = [];
  for (const cluster of [east, west]) for (let i = 0; i < (options.customersPerCluster ?? 2); i++) customers.push(await makeCustomer(cluster.id, { metadata: { tier: `gold-${i}` } }));
  const release = await makeRelease({ status: "active", activatedAt: new Date(), agentReviewWaived: !options.review });
  const deploy = await makeTemplate(release.id, { name: "Deploy", orderIndex: 0, execution: "agent", content: options.content ?? "helm upgrade app --namespace {{ namespace }} --set tier={{ customer.tier }}" });
  const manual = await makeTemplate(release.id, { name: "Check dashboard", orderIndex: 1, type: "text", content: "Look at it" });
  await include(release.id, customers.map((c) => c.id));
  await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" });
  const stepOf = async (customerId: number, templateId = deploy.id) =>
    (await getDb().select().from(customerSteps).where(sql`${customerSteps.customerId} = ${customerId} and ${customerSteps.templateId} = ${templateId}`))[0];
  return { rm, east, west, customers, release, deploy, manual, stepOf };
}

const ok = { exitCode: 0, durationMs: 1200, timedOut: false, cancelled: false };
const failed = { exitCode: 3, durationMs: 800, timedOut: false, cancelled: false };

describe("runs: claims, what runs, outcomes", () => {
  it("an agent claims only its own cluster's steps, each once, rendered and fixed at claim; exit 0 is done by the starter, via the agent", async () => {
    const { rm, east, west, customers, release, deploy, stepOf } = await agentRelease();
    const started = await startAcrossRun({ releaseId: release.id, templateId: deploy.id, ...across }, rm);
    expect(started).toMatchObject({ queued: 4, left: {} });
    const [eastAgent, westAgent] = [await agentFor(east.id, "east-1"), await agentFor(west.id, "west-1")];
    const mine = await claimSteps(eastAgent, 10);
    expect(mine.map((s) => s.customer).sort()).toEqual(customers.slice(0, 2).map((c) => c.name).sort());
    expect(await claimSteps(eastAgent, 10)).toEqual([]); // nothing twice
    const first = mine.find((s) => s.customer === customers[0].name)!;
    expect(first).toMatchObject({ type: "bash", namespace: customers[0].namespace, kubeconfigPath: "/etc/kube/east", leaseSeconds: 30, timeoutSeconds: 600 });
    expect(first.content).toBe(`helm upgrade app --namespace ${customers[0].namespace} --set tier=gold-0`);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await stepRow(first.stepId)).runState).toBe("running");
    // While it runs, its content and status are locked for people.
    const running = await stepRow(first.stepId);
    expect((await refusal(() => markStepDone({ stepId: running.id, version: running.version, notes: "" }, rm))).message).toMatch(/An agent is running this step/);
    expect((await refusal(() => overrideStepContent({ stepId: running.id, version: running.version, content: "other" }, rm))).message).toMatch(/content is locked until the run ends/);

    expect(await appendRunOutput(eastAgent, first.itemId, "\u001b[32mdeployed\u001b[0m\n")).toEqual({ cancel: false, leaseLost: false, leaseSeconds: 30 });
    expect(await finishRunItem(eastAgent, first.itemId, ok)).toEqual({ state: "done" });
    const done = await stepRow(first.stepId);
    expect(done).toMatchObject({ status: "done", runState: null, executedById: rm.id });
    const [event] = await getDb().select().from(stepEvents).where(sql`${stepEvents.customerStepId} = ${first.stepId} and ${stepEvents.kind} = 'marked_done'`);
    expect(event.detail).toMatchObject({ ran: first.content, run: { agent: "east-1", exitCode: 0, durationMs: 1200, sha256: first.sha256 } });
    const detail = (await getStepDetail(first.stepId))!;
    expect(detail.history.at(-1)?.note).toMatch(/^Run by agent east-1 \(run #\d+\): exit 0 in 1\.2 s/);
    expect((await runOutput(first.runId, first.itemId, 0))?.text).toBe("\u001b[32mdeployed\u001b[0m\n");
    // An item is read under its own run only.
    expect(await runOutput(first.runId + 1, first.itemId, 0)).toBeNull();
    // The ledger holds what ran, where, by whom, and what it printed.
    const [entry] = (await getCustomerLedger(customers[0].id)).filter((e) => e.step.id === first.stepId);
    expect(entry).toMatchObject({ kind: "marked_done", actorName: rm.name, ran: first.content, run: { agent: "east-1", exitCode: 0, sha256: first.sha256, output: "\u001b[32mdeployed\u001b[0m\n" } });
    // The other agent of the same token's cluster would have been refused the west steps; its own are there.
    expect((await claimSteps(westAgent, 10)).map((s) => s.cluster)).toEqual([west.name, west.name]);
    void stepOf;
  });

  it("a non-zero exit is failed, with its output and a step.failed webhook; the step is work left, and a retry is a new run", async () => {
    const { rm, east, customers, release, stepOf } = await agentRelease({ customersPerCluster: 1 });
    await getDb().execute(sql`insert into webhook_endpoints (name, url, url_box, secret_box, events) values ('hook', 'https://x.example/…', 'v1.a.b.c', 'v1.a.b.c', '{step.failed,run.finished}')`);
    const step = await stepOf(customers[0].id);
    const { runId } = await startStepRun({ stepId: step.id, version: step.version, timeoutMinutes: 1 }, rm);
    const agent = await agentFor(east.id);
    const [claimed] = await claimSteps(agent, 1);
    expect(claimed.timeoutSeconds).toBe(60);
    await appendRunOutput(agent, claimed.itemId, "Error: release not found\n");
    expect(await finishRunItem(agent, claimed.itemId, failed)).toEqual({ state: "failed" });
    expect(await stepRow(step.id)).toMatchObject({ status: "pending", runState: "failed" });
    const run = (await getRun(runId))!;
    expect(run).toMatchObject({ status: "finished", counts: { failed: 1, total: 1 } });
    expect(run.items[0]).toMatchObject({ state: "failed", exitCode: 3, note: "Exit code 3.", agentName: "agent-1" });
    const hooks = await getDb().select().from(webhookDeliveries).orderBy(webhookDeliveries.id);
    expect(hooks.map((h) => h.event)).toEqual(["step.failed", "run.finished"]);
    expect(hooks[0].payload).toMatchObject({ step: { name: "Deploy" }, customer: { name: customers[0].name }, agent: "agent-1", exitCode: 3 });
    // Retry: a new run of the same step.
    const again = await stepRow(step.id);
    const retry = await startStepRun({ stepId: again.id, version: again.version, timeoutMinutes: 10 }, rm);
    expect(retry.runId).not.toBe(runId);
    expect((await stepRow(step.id)).runState).toBe("queued");
    void release;
  });

  it("a lease that runs out is outcome unknown, never claimed again; the agent's late word settles it unless a person decided", async () => {
    const { rm, east, release, deploy } = await agentRelease({ customersPerCluster: 3 });
    const { runId } = await startAcrossRun({ releaseId: release.id, templateId: deploy.id, ...across }, rm);
    const agent = await agentFor(east.id);
    const [a, b, c] = await claimSteps(agent, 3);
    await getDb().update(runItems).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(runItems.runId, runId));
    expect(await expireLeases()).toBe(3);
    expect(await stepRow(a.stepId)).toMatchObject({ status: "pending", runState: "unknown" });
    const [unknownEvent] = await getDb().select().from(stepEvents).where(sql`${stepEvents.customerStepId} = ${a.stepId} and ${stepEvents.kind} = 'run_unknown'`);
    expect(unknownEvent.detail).toMatchObject({ run: { agent: "agent-1" } });
    expect(await claimSteps(agent, 5)).toEqual([]);

    // a: the agent is heard again before anyone decided — it is still running the step, so the
    // step is "running" again (with a fresh lease) and no one can start a second copy beside it.
    expect(await appendRunOutput(agent, a.itemId, "still here\n")).toMatchObject({ leaseLost: false, cancel: false });
    const aRow = await stepRow(a.stepId);
    expect(aRow).toMatchObject({ runState: "running" });
    expect((await refusal(() => startStepRun({ stepId: aRow.id, version: aRow.version, timeoutMinutes: 10 }, rm))).message).toMatch(/already queued or running/);
    expect((await refusal(() => markStepDone({ stepId: aRow.id, version: aRow.version, notes: "" }, rm))).message).toMatch(/agent is running/i);

    // b: a person decided by hand meanwhile; the agent, heard again, is told to stop it, and its
    // last word changes nothing.
    const bRow = await stepRow(b.stepId);
    await markStepDone({ stepId: bRow.id, version: bRow.version, notes: "checked by hand" }, rm);
    expect(await appendRunOutput(agent, b.itemId, "late\n")).toMatchObject({ cancel: true, leaseLost: true });
    expect(await finishRunItem(agent, b.itemId, failed)).toEqual({ state: "ignored" });
    expect(await stepRow(b.stepId)).toMatchObject({ status: "done", runState: null });

    // c: its content changed while its outcome was unknown: a late exit 0 is about the old text,
    // so it does not mark the new text done.
    const cRow = await stepRow(c.stepId);
    await overrideStepContent({ stepId: cRow.id, version: cRow.version, content: "helm upgrade app --atomic" }, rm);
    expect(await finishRunItem(agent, c.itemId, ok)).toEqual({ state: "ignored" });
    expect(await stepRow(c.stepId)).toMatchObject({ status: "pending", runState: "unknown" });

    expect(await finishRunItem(agent, a.itemId, ok)).toEqual({ state: "done" });
    expect(await stepRow(a.stepId)).toMatchObject({ status: "done", runState: null });
    // The west cluster's three are still waiting for their agents.
    expect((await getRun(runId))!.counts).toMatchObject({ done: 1, unknown: 2, queued: 3, running: 0 });
  });

  it("a late word from an older run of a step is ignored once the step was retried", async () => {
    const { rm, east, customers, stepOf } = await agentRelease({ customersPerCluster: 1 });
    const step = await stepOf(customers[0].id);
    const first = await startStepRun({ stepId: step.id, version: step.version, timeoutMinutes: 10 }, rm);
    const agent = await agentFor(east.id);
    const [old] = await claimSteps(agent, 1);
    await getDb().update(runItems).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(runItems.runId, first.runId));
    await expireLeases();
    const unknown = await stepRow(step.id);
    await startStepRun({ stepId: unknown.id, version: unknown.version, timeoutMinutes: 10 }, rm);
    const [retry] = await claimSteps(agent, 1);
    await getDb().update(runItems).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(runItems.id, retry.itemId));
    await expireLeases();
    expect(await appendRunOutput(agent, old.itemId, "")).toMatchObject({ cancel: true });
    expect(await finishRunItem(agent, old.itemId, ok)).toEqual({ state: "ignored" });
    expect(await stepRow(step.id)).toMatchObject({ status: "pending", runState: "unknown" });
    expect(await finishRunItem(agent, retry.itemId, ok)).toEqual({ state: "done" });
  });

  it("every rule of a click holds: stage gates, four eyes for agent steps (unless the track waives it), archived customers", async () => {
    // Four eyes by default for agent steps.
    const reviewed = await agentRelease({ customersPerCluster: 1, review: true });
    const step = await reviewed.stepOf(reviewed.customers[0].id);
    expect((await refusal(() => startStepRun({ stepId: step.id, version: step.version, timeoutMinutes: 10 }, reviewed.rm))).message).toBe(
      "This step cannot be run by an agent now: waiting for its four-eyes review.",
    );
    expect((await getStepDetail(step.id))!.review).not.toBeNull();
    const qa = await createActor("release_manager");
    const r = await recordReview({ stepId: step.id, version: step.version }, qa);
    expect((await startStepRun({ stepId: step.id, version: r.version, timeoutMinutes: 10 }, reviewed.rm)).queued).toBe(1);
    // The whole release across: the other customer's copy is left, counted with its reason.
    const across2 = await refusal(() => startAcrossRun({ releaseId: reviewed.release.id, templateId: reviewed.deploy.id, ...across }, reviewed.rm));
    expect(across2.message).toBe('Nothing to run for "Deploy": 1 already queued or running in a run; 1 waiting for its four-eyes review.');

    // Stage gates: production waits.
    const s = await stagedRelease();
    await getDb().update(releases).set({ agentReviewWaived: true }).where(eq(releases.id, s.release.id));
    await getDb().execute(sql`update step_templates set execution = 'agent' where release_id = ${s.release.id}`);
    await getDb().execute(sql`update customer_steps set execution = 'agent' where release_id = ${s.release.id}`);
    const [template] = await getDb().select().from(stepTemplates).where(sql`${stepTemplates.releaseId} = ${s.release.id} and ${stepTemplates.name} = 'Deploy'`);
    const started = await startAcrossRun({ releaseId: s.release.id, templateId: template.id, ...across }, s.rm);
    expect(started.queued).toBe(1); // staging is open; canary and production wait
    expect(started.left).toEqual({ stage_not_open: 2 });
  });

  it("a template step added with 'run by agent' gives every customer an agent copy; text steps are always manual", async () => {
    const { rm, release } = await agentRelease({ customersPerCluster: 1 });
    const { createTemplateStep } = await import("@/lib/domain/templates/mutations/templates");
    const { createTemplateInput } = await import("@/lib/domain/templates/input");
    const bad = createTemplateInput.safeParse({ releaseId: release.id, name: "Read me", category: "deploy", type: "text", content: "x", description: "", execution: "agent" });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.issues[0].message).toMatch(/A text step is instructions for a person/);
    const { templateId } = await createTemplateStep({ releaseId: release.id, name: "Migrate", category: "deploy", type: "sql", content: "select 1", description: "", execution: "agent" }, rm);
    const copies = await getDb().select().from(customerSteps).where(eq(customerSteps.templateId, templateId));
    expect(copies.map((c) => c.execution)).toEqual(["agent", "agent"]);
  });
});

describe("runs: windows, budgets, order, cancel", () => {
  it("a window of 2 (1 per cluster) hands out at most that many at once; a freed slot lets the next one go", async () => {
    const { rm, east, release, deploy } = await agentRelease({ customersPerCluster: 3 });
    await startAcrossRun({ releaseId: release.id, templateId: deploy.id, maxParallel: 2, maxParallelPerCluster: 1, timeoutMinutes: 10 }, rm);
    const agent = await agentFor(east.id);
    const first = await claimSteps(agent, 10);
    expect(first).toHaveLength(1);
    expect(await claimSteps(agent, 10)).toHaveLength(0);
    await finishRunItem(agent, first[0].itemId, ok);
    expect(await claimSteps(agent, 10)).toHaveLength(1);
  });

  it("the failure budget pauses the run after the first failure (budget 1); resuming takes the queue again", async () => {
    const { rm, east, release, deploy } = await agentRelease({ customersPerCluster: 4 });
    const { runId } = await startAcrossRun({ releaseId: release.id, templateId: deploy.id, maxParallel: 2, maxParallelPerCluster: 2, failureBudget: 1, timeoutMinutes: 10 }, rm);
    const agent = await agentFor(east.id);
    const [one, two] = await claimSteps(agent, 2);
    await finishRunItem(agent, one.itemId, failed);
    const paused = (await getRun(runId))!;
    expect(paused.status).toBe("paused");
    expect(paused.pausedReason).toBe("Paused by its failure budget: 1 of 8 steps failed or ended unknown (budget: 1).");
    expect(await claimSteps(agent, 5)).toEqual([]); // nothing new while paused…
    expect(await finishRunItem(agent, two.itemId, ok)).toEqual({ state: "done" }); // …what ran finishes
    await resumeRun({ runId }, rm);
    expect(await claimSteps(agent, 5)).toHaveLength(2);
  });

  it("a percentage budget: 25 % of 8 steps pauses after the second failure", async () => {
    const { rm, east, west, release, deploy } = await agentRelease({ customersPerCluster: 4 });
    const { runId } = await startAcrossRun({ releaseId: release.id, templateId: deploy.id, maxParallel: 8, maxParallelPerCluster: 4, failureBudgetPercent: 25, timeoutMinutes: 10 }, rm);
    const [e, w] = [await agentFor(east.id), await agentFor(west.id)];
    const [e1] = await claimSteps(e, 1);
    const [w1] = await claimSteps(w, 1);
    await finishRunItem(e, e1.itemId, failed);
    expect((await getRun(runId))!.status).toBe("active");
    await finishRunItem(w, w1.itemId, failed);
    expect((await getRun(runId))!.pausedReason).toMatch(/2 of 8 steps \(25 %\) failed or ended unknown \(budget: 25 %\)/);
  });

  it("a customer's steps run in order, one at a time, and stop at the first failure; a manual step ends what can run", async () => {
    const { rm, east, customers, release, deploy } = await agentRelease({ customersPerCluster: 1 });
    const verify = await makeTemplate(release.id, { name: "Verify", category: "verify", orderIndex: 0, execution: "agent", content: "curl -f https://{{ namespace }}.example/health" });
    await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "template_added", templateIds: [verify.id] });
    // "Check dashboard" (manual, deploy 2) comes before Verify: the run stops before it.
    const { runId, queued } = await startCustomerRun({ releaseId: release.id, customerId: customers[0].id, timeoutMinutes: 10 }, rm);
    expect(queued).toBe(1);
    await getDb().execute(sql`update customer_steps set status = 'done' where release_id = ${release.id} and name = 'Check dashboard'`);
    await cancelRun({ runId }, rm);
    const second = await startCustomerRun({ releaseId: release.id, customerId: customers[0].id, timeoutMinutes: 10 }, rm);
    expect(second.queued).toBe(2);
    const agent = await agentFor(east.id);
    const [firstStep] = await claimSteps(agent, 5);
    expect(firstStep.name).toBe("Deploy");
    expect(await claimSteps(agent, 5)).toEqual([]); // Verify waits for Deploy
    await finishRunItem(agent, firstStep.itemId, failed);
    const run = (await getRun(second.runId))!;
    expect(run.items.map((i) => [i.stepName, i.state, i.note])).toEqual([
      ["Deploy", "failed", "Exit code 3."],
      ["Verify", "cancelled", 'Not run: "Deploy" before it did not end done.'],
    ]);
    expect(run.status).toBe("finished");
    void deploy;
  });

  it("a customer's run does not go past a step that was cancelled before it ran; the run then finishes", async () => {
    const { rm, east, customers, release, stepOf } = await agentRelease({ customersPerCluster: 1 });
    const verify = await makeTemplate(release.id, { name: "Verify", category: "verify", orderIndex: 0, execution: "agent", content: "true" });
    await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "template_added", templateIds: [verify.id] });
    await getDb().execute(sql`update customer_steps set status = 'done' where release_id = ${release.id} and name = 'Check dashboard'`);
    const { runId, queued } = await startCustomerRun({ releaseId: release.id, customerId: customers[0].id, timeoutMinutes: 10 }, rm);
    expect(queued).toBe(2);
    const deployRow = await stepRow((await stepOf(customers[0].id)).id);
    await overrideStepContent({ stepId: deployRow.id, version: deployRow.version, content: "helm upgrade app --atomic" }, rm);
    expect(await claimSteps(await agentFor(east.id), 5)).toEqual([]);
    const run = (await getRun(runId))!;
    expect(run.items.map((i) => [i.stepName, i.state])).toEqual([
      ["Deploy", "cancelled"],
      ["Verify", "cancelled"],
    ]);
    expect(run.items[1].note).toBe("Not run: an earlier step of this customer's run did not end done when an agent came to run it.");
    expect(run.status).toBe("finished");
  });

  it("a run whose last queued step a person decides by hand is finished (run.finished), by the sweeper's pass", async () => {
    const { rm, customers, stepOf } = await agentRelease({ customersPerCluster: 1 });
    const step = await stepOf(customers[0].id);
    const { runId } = await startStepRun({ stepId: step.id, version: step.version, timeoutMinutes: 10 }, rm);
    const queued = await stepRow(step.id);
    await markStepDone({ stepId: queued.id, version: queued.version, notes: "ran it myself" }, rm);
    expect(await settleIdleRunsNow()).toBeGreaterThanOrEqual(1);
    expect((await getRun(runId))!.status).toBe("finished");
    const sent = await getDb().select().from(webhookDeliveries).where(sql`${webhookDeliveries.event} = 'run.finished' and (${webhookDeliveries.payload} -> 'run' ->> 'id')::int = ${runId}`);
    expect(sent).toHaveLength(1);
    expect(await settleIdleRunsNow()).toBe(0);
  });

  it("moving a customer to another cluster cancels its queued steps: the old cluster's agents never run them", async () => {
    const { rm, east, west, customers, release, deploy, stepOf } = await agentRelease({ customersPerCluster: 1 });
    const { runId } = await startAcrossRun({ releaseId: release.id, templateId: deploy.id, ...across }, rm);
    const moving = customers[0];
    await updateCustomer({ id: moving.id, clusterId: west.id, name: moving.name, namespace: moving.namespace, description: moving.description, metadata: moving.metadata }, rm);
    expect(await claimSteps(await agentFor(east.id), 5)).toEqual([]);
    const item = (await getRun(runId))!.items.find((i) => i.customerId === moving.id)!;
    expect(item.state).toBe("cancelled");
    expect(item.note).toMatch(/moved .* to .*\. Start it again on /);
    expect((await stepRow((await stepOf(moving.id)).id)).runState).toBeNull();
  });

  it("cancel: queued steps are cancelled at once, running ones are told to stop and report failed", async () => {
    const { rm, east, release, deploy } = await agentRelease({ customersPerCluster: 3 });
    const { runId } = await startAcrossRun({ releaseId: release.id, templateId: deploy.id, maxParallel: 1, maxParallelPerCluster: 1, timeoutMinutes: 10 }, rm);
    const agent = await agentFor(east.id);
    const [running] = await claimSteps(agent, 1);
    expect(await cancelRun({ runId }, rm)).toMatchObject({ cancelled: 5, stopping: 1 });
    expect((await appendRunOutput(agent, running.itemId, "")).cancel).toBe(true);
    await finishRunItem(agent, running.itemId, { exitCode: 143, durationMs: 50, timedOut: false, cancelled: true });
    const run = (await getRun(runId))!;
    expect(run.counts).toMatchObject({ failed: 1, cancelled: 5 });
    expect(run.items.find((i) => i.id === running.itemId)?.note).toBe("Cancelled while it ran (the agent stopped it).");
    const queuedSteps = await getDb().select().from(customerSteps).where(sql`${customerSteps.releaseId} = ${release.id} and ${customerSteps.runState} = 'queued'`);
    expect(queuedSteps).toEqual([]);
  });

  it("a content change while queued cancels the queued run with a notice; a revoked token stops its agents", async () => {
    const { rm, east, customers, release, stepOf } = await agentRelease({ customersPerCluster: 1 });
    const step = await stepOf(customers[0].id);
    const { runId } = await startStepRun({ stepId: step.id, version: step.version, timeoutMinutes: 10 }, rm);
    const queued = await stepRow(step.id);
    await overrideStepContent({ stepId: queued.id, version: queued.version, content: "helm upgrade app --atomic" }, rm);
    const run = (await getRun(runId))!;
    expect(run.items[0]).toMatchObject({ state: "cancelled" });
    expect(run.items[0].note).toMatch(/^Cancelled before it ran: .* overrode the step's content\.$/);
    expect((await stepRow(step.id)).runState).toBeNull();
    expect(run.status).toBe("finished");

    const admin = await createActor("admin");
    const token = await createAgentToken(admin, { clusterId: east.id, name: "soon revoked" });
    expect((await agentForToken(token.token, { name: "x", version: "1" })).ok).toBe(true);
    await revokeAgentToken(admin, { tokenId: token.id });
    expect(await agentForToken(token.token, { name: "x", version: "1" })).toEqual({ ok: false, reason: "revoked" });
    void release;
  });
});

export type { Actor };
