import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getEngine, openDatabase } from "@/db/client";
import { runItems } from "@/db/schema";
import { agentForToken, type AgentContext } from "@/lib/auth/agent-token";
import { createAgentToken } from "@/lib/domain/agents/mutations/tokens";
import { claimSteps } from "@/lib/domain/runs/mutations/claim";
import { expireLeases } from "@/lib/domain/runs/mutations/leases";
import { finishRunItem } from "@/lib/domain/runs/mutations/report";
import { startAcrossRun } from "@/lib/domain/runs/mutations/start";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCluster, makeRelease, makeTemplate } from "../support/factories";

/**
 * At most once, under load (issue 26's target): 10,000 claims from four agents on two app
 * processes (two connection pools on one Postgres), a third of the agents "killed" with their
 * step at random. No step is handed out twice, and a killed agent's step is never handed out
 * again: its lease runs out and it is "outcome unknown" for a person to decide.
 */
withTestDatabase();

const CUSTOMERS = 200;
const TEMPLATES = 50;

describe("at most once (Postgres, two app processes)", () => {
  it("10,000 claims by agents killed at random: 0 handed out twice, 0 run again", async (ctx) => {
    if (getEngine() !== "postgres") return ctx.skip();
    const rm = await createActor("release_manager");
    const cluster = await makeCluster();
    await getDb().execute(sql`
      insert into customers (cluster_id, name, namespace)
      select ${cluster.id}, 'amo-' || g, 'amo-ns-' || g from generate_series(1, ${CUSTOMERS}) g`);
    const ids = (await getDb().execute(sql`select id from customers where cluster_id = ${cluster.id} order by id`)) as unknown as Array<{ id: number }>;
    const release = await makeRelease({ status: "active", activatedAt: new Date(), agentReviewWaived: true });
    const templates = [];
    for (let t = 0; t < TEMPLATES; t++) templates.push(await makeTemplate(release.id, { name: `step ${t}`, orderIndex: t, execution: "agent", content: "true" }));
    await include(release.id, ids.map((r) => Number(r.id)));
    await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" });
    for (const t of templates) await startAcrossRun({ releaseId: release.id, templateId: t.id, maxParallel: 200, maxParallelPerCluster: 200, timeoutMinutes: 10 }, rm);

    const url = (getDb() as unknown as { $client: { options: { host: string[]; port: number[]; database: string; user: string } } }).$client.options;
    const other = openDatabase({ databaseUrl: `postgres://${url.user}@${url.host[0]}:${url.port[0]}/${url.database}` });
    try {
      const agents: AgentContext[] = [];
      for (let n = 0; n < 4; n++) {
        const token = await createAgentToken(await createActor("admin"), { clusterId: cluster.id, name: `amo ${n}` });
        const check = await agentForToken(token.token, { name: `amo-${n}`, version: "1" });
        if (!check.ok) throw new Error(check.reason);
        agents.push(check.agent);
      }
      const handedOut = new Map<number, number>();
      const killed = new Set<number>();
      let claims = 0;
      let random = 42;
      const rand = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (;;) {
        // Each agent claims on "its" process; a killed one claims and never reports.
        const batches = await Promise.all(agents.map((a, i) => claimSteps(a, 100, i % 2 ? other.db : getDb())));
        const all = batches.flat();
        if (all.length === 0) break;
        claims += all.length;
        const finishes: Promise<unknown>[] = [];
        for (const [i, batch] of batches.entries()) {
          for (const s of batch) {
            handedOut.set(s.itemId, (handedOut.get(s.itemId) ?? 0) + 1);
            if (rand() < 0.33) killed.add(s.itemId);
            else finishes.push(finishRunItem(agents[i], s.itemId, { exitCode: rand() < 0.9 ? 0 : 1, durationMs: 5, timedOut: false, cancelled: false }, i % 2 ? other.db : getDb()));
          }
        }
        await Promise.all(finishes);
      }
      expect(claims).toBe(CUSTOMERS * TEMPLATES);
      expect([...handedOut.values()].filter((n) => n !== 1)).toEqual([]);
      await getDb().update(runItems).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(runItems.state, "running"));
      let expired = 0;
      for (let n = await expireLeases(); n > 0; n = await expireLeases()) expired += n;
      expect(expired).toBe(killed.size);
      expect((await Promise.all(agents.map((a) => claimSteps(a, 100)))).flat()).toEqual([]);
      const [unknown] = (await getDb().execute(sql`select count(*)::int as n from customer_steps where release_id = ${release.id} and run_state = 'unknown'`)) as unknown as Array<{ n: number }>;
      expect(Number(unknown.n)).toBe(killed.size);
      console.log(`at most once: ${claims} claims, ${killed.size} agents killed with their step, 0 handed out twice`);
    } finally {
      await other.close();
    }
  }, 300_000);
});
