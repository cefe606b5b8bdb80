import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";

/**
 * Agent tokens (README, "Agents"): `rsa_` and 32 random bytes in base64url, one cluster each. Only
 * the SHA-256 is stored; the token is shown once. Kept apart from API tokens (`rs_`): an agent
 * token acts as no person and opens only the agent's endpoints, for its own cluster.
 */
export const AGENT_TOKEN_PREFIX = "rsa_";

export function newAgentToken(): { token: string; hash: string; prefix: string } {
  const token = AGENT_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashAgentToken(token), prefix: token.slice(0, AGENT_TOKEN_PREFIX.length + 6) };
}

export const hashAgentToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The agent token of an `Authorization` header, if it looks like one. */
export function agentBearerOf(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m && m[1].startsWith(AGENT_TOKEN_PREFIX) && m[1].length < 200 ? m[1] : null;
}

/** Who is calling: the token's cluster, and this agent process (listed on the cluster page). */
export type AgentContext = { tokenId: number; clusterId: number; clusterName: string; agentId: number; agentName: string };

export type AgentCheck = { ok: true; agent: AgentContext } | { ok: false; reason: "unknown" | "revoked" | "cluster_gone" };

/**
 * An agent's token, checked in one round trip that also records the agent as seen (several agents
 * may share one token: each names itself, e.g. its host name). A revoked token is refused and
 * touches nothing, which is how an agent learns to stop.
 */
export async function agentForToken(token: string, agent: { name: string; version: string }, db: DbOrTx = getDb()): Promise<AgentCheck> {
  const rows = executedRows(
    await db.execute(sql`
      with hit as (
        select t.id, t.cluster_id from agent_tokens t join clusters k on k.id = t.cluster_id
        where t.token_hash = ${hashAgentToken(token)} and t.revoked_at is null and k.deleted_at is null
      ), seen as (
        update agent_tokens t set last_seen_at = now() from hit where t.id = hit.id returning t.id
      ), upsert as (
        insert into agents (token_id, name, version)
        select hit.id, ${agent.name}, ${agent.version} from hit
        on conflict (token_id, name) do update set last_seen_at = now(), version = excluded.version
        returning id
      )
      select t.id, t.cluster_id, t.revoked_at is not null as revoked, k.name as cluster_name, k.deleted_at is not null as cluster_gone,
             (select id from upsert) as agent_id, (select count(*) from seen) as seen
      from agent_tokens t join clusters k on k.id = t.cluster_id
      where t.token_hash = ${hashAgentToken(token)}
    `),
  );
  const [row] = rows;
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revoked) return { ok: false, reason: "revoked" };
  if (row.cluster_gone || row.agent_id === null) return { ok: false, reason: "cluster_gone" };
  return { ok: true, agent: { tokenId: Number(row.id), clusterId: Number(row.cluster_id), clusterName: String(row.cluster_name), agentId: Number(row.agent_id), agentName: agent.name } };
}
