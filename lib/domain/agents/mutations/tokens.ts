import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { agentTokens, clusters } from "@/db/schema";
import { newAgentToken } from "@/lib/auth/agent-token";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState, notFound } from "@/lib/domain/errors";
import type { CreateAgentTokenInput } from "../input";
import type { CreatedAgentToken } from "../types";

type Options = { db?: Db };

/** Creates an agent token for one cluster, answered this once (only its hash is kept). Audited, without the token. */
export async function createAgentToken(actor: Actor, input: CreateAgentTokenInput, { db = getDb() }: Options = {}): Promise<CreatedAgentToken> {
  return db.transaction(async (tx) => {
    const [cluster] = await tx.select({ id: clusters.id, name: clusters.name }).from(clusters).where(and(eq(clusters.id, input.clusterId), isNull(clusters.deletedAt)));
    if (!cluster) throw notFound("The cluster");
    const { token, hash, prefix } = newAgentToken();
    const [row] = await tx.insert(agentTokens).values({ clusterId: cluster.id, name: input.name, tokenHash: hash, prefix, createdById: actor.id }).returning({ id: agentTokens.id });
    await recordAudit(tx, actor, {
      action: "agent_token.create",
      entityType: "cluster",
      entityId: cluster.id,
      summary: `Created agent token "${input.name}" (${prefix}…) for cluster ${cluster.name}`,
      after: { tokenId: row.id, name: input.name, prefix },
    });
    return { id: row.id, name: input.name, token, clusterName: cluster.name };
  });
}

/** Revokes an agent token: its agents are refused from their next call on (and stop). Audited. */
export async function revokeAgentToken(actor: Actor, input: { tokenId: number }, { db = getDb() }: Options = {}): Promise<{ id: number; clusterId: number }> {
  return db.transaction(async (tx) => {
    const [token] = await tx
      .select({ id: agentTokens.id, name: agentTokens.name, prefix: agentTokens.prefix, clusterId: agentTokens.clusterId, revokedAt: agentTokens.revokedAt, clusterName: clusters.name })
      .from(agentTokens)
      .innerJoin(clusters, eq(clusters.id, agentTokens.clusterId))
      .where(eq(agentTokens.id, input.tokenId))
      .for("update", { of: agentTokens });
    if (!token) throw notFound("That agent token");
    if (token.revokedAt) throw invalidState(`Agent token "${token.name}" is already revoked.`);
    await tx.update(agentTokens).set({ revokedAt: sql`now()`, revokedById: actor.id }).where(eq(agentTokens.id, token.id));
    await recordAudit(tx, actor, {
      action: "agent_token.revoke",
      entityType: "cluster",
      entityId: token.clusterId,
      summary: `Revoked agent token "${token.name}" (${token.prefix}…) of cluster ${token.clusterName}`,
    });
    return { id: token.id, clusterId: token.clusterId };
  });
}
