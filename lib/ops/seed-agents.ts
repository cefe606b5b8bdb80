// No "server-only": the demo seed runs in plain Node (tsx) as well as in the server.
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentTokens, clusters, releases, stepTemplates, tracks, users } from "@/db/schema";

/**
 * The demo's agent: a token for the staging cluster (local only, like the demo passwords: never
 * use it anywhere else) and a draft v2.6.0 whose steps an agent runs anywhere — echo, uname,
 * `kubectl version --client || true`. README, "Agents": activate v2.6.0, review its agent steps
 * as Riley (Sam wrote them), start the agent with this token, and run them on staging.
 */
export const DEMO_AGENT_TOKEN = "rsa_demo-staging-agent-token-local-only-never-use-elsewhere";

const steps = [
  {
    name: "Smoke test from the cluster",
    category: "deploy" as const,
    content: [
      'echo "Release {{ release.version }} for {{ customer.name }} in namespace $NAMESPACE ({{ cluster.name }})"',
      "uname -srm",
      "kubectl version --client 2>/dev/null || echo 'kubectl is not installed on this agent host: fine for the demo'",
    ].join("\n"),
    description: "Runs anywhere: shows what an agent sees (its variables, its host).",
  },
  {
    name: "Warm the cache",
    category: "deploy" as const,
    content: ['for i in 1 2 3; do', '  printf "\\033[32mwarming\\033[0m {{ namespace }} %s/3\\n" "$i"', "  sleep 1", "done"].join("\n"),
    description: "Prints for three seconds (coloured): watch its output arrive live in the panel.",
  },
];

export async function seedDemoAgents(db: Db): Promise<void> {
  const [staging] = await db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, "staging"));
  const [sam] = await db.select({ id: users.id }).from(users).where(eq(users.email, "sam@runsheet.local"));
  const [alex] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@runsheet.local"));
  if (!staging || !sam) return;
  const hash = createHash("sha256").update(DEMO_AGENT_TOKEN, "utf8").digest("hex");
  const existing = await db.select({ id: agentTokens.id }).from(agentTokens).where(eq(agentTokens.tokenHash, hash));
  if (existing.length) return;
  await db.transaction(async (tx) => {
    await tx.insert(agentTokens).values({ clusterId: staging.id, name: "Demo agent (local only)", tokenHash: hash, prefix: DEMO_AGENT_TOKEN.slice(0, 10), createdById: alex?.id ?? null });
    const [track] = await tx.select({ id: tracks.id }).from(tracks).where(sql`${tracks.defaultFor} = 'release'`);
    const [release] = await tx
      .insert(releases)
      .values({
        name: "v2.6.0",
        type: "release",
        versionNumber: "v2.6.0",
        description: "Agents run these steps: activate, review the agent steps (four eyes), then run them on staging.",
        trackId: track?.id ?? null,
        createdById: sam.id,
      })
      .returning({ id: releases.id });
    await tx.insert(stepTemplates).values([
      ...steps.map((s, i) => ({ releaseId: release.id, name: s.name, category: s.category, type: "bash" as const, content: s.content, description: s.description, execution: "agent" as const, contentById: sam.id, orderIndex: i })),
      { releaseId: release.id, name: "Check the dashboard", category: "verify" as const, type: "text" as const, content: "Open the staging dashboard; the release banner shows {{ release.version }}.", description: "", contentById: sam.id, orderIndex: 0 },
    ]);
  });
}
