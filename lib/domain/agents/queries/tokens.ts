import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { AgentTokenRow } from "../types";

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/** A cluster's agent tokens, newest first, each with the agents that called in with it (one read). */
export async function listAgentTokens(clusterId: number): Promise<AgentTokenRow[]> {
  const rows = executedRows(
    await getDb().execute(sql`
      select t.id, t.name, t.prefix, t.created_at, t.last_seen_at, t.revoked_at, cu.name as created_by, ru.name as revoked_by,
        coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'version', a.version, 'firstSeenAt', a.first_seen_at, 'lastSeenAt', a.last_seen_at,
                                                      'connected', a.last_seen_at > now() - interval '1 minute') order by a.last_seen_at desc)
                  from agents a where a.token_id = t.id), '[]'::jsonb) as agents
      from agent_tokens t
      left join users cu on cu.id = t.created_by_id
      left join users ru on ru.id = t.revoked_by_id
      where t.cluster_id = ${clusterId}
      order by t.revoked_at is not null, t.id desc
    `),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    prefix: String(r.prefix),
    createdByName: (r.created_by as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
    lastSeenAt: date(r.last_seen_at),
    revokedAt: date(r.revoked_at),
    revokedByName: (r.revoked_by as string | null) ?? null,
    agents: ((typeof r.agents === "string" ? JSON.parse(r.agents) : r.agents) as Array<Record<string, unknown>>).map((a) => ({
      id: Number(a.id),
      name: String(a.name),
      version: String(a.version),
      firstSeenAt: new Date(a.firstSeenAt as string),
      lastSeenAt: new Date(a.lastSeenAt as string),
      connected: Boolean(a.connected),
    })),
  }));
}
