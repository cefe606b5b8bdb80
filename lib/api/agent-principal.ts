import "server-only";
import { agentBearerOf, agentForToken, type AgentContext } from "@/lib/auth/agent-token";
import { AGENT_HEADER, AGENT_VERSION_HEADER } from "./agent-protocol";
import { problem } from "./respond";

const why = {
  unknown: "That agent token is not valid.",
  revoked: "That agent token was revoked: this agent stops. An admin creates a new one on the cluster's page.",
  cluster_gone: "The cluster of this agent token was deleted.",
} as const;

/** An agent's name as it gives it (host name by default): letters, digits and a few marks, at most 100. */
const nameOf = (raw: string | null) => (raw ?? "").replace(/[^\w.@:-]/g, "").slice(0, 100) || "agent";

/**
 * The calling agent, before anything is read: its agent token (`Authorization: Bearer rsa_…`),
 * checked and recorded as seen in one round trip. Anything else is a 401 in words.
 */
export async function agentOf(request: Request): Promise<{ agent: AgentContext } | { response: Response }> {
  const token = agentBearerOf(request.headers.get("authorization"));
  if (!token) return { response: problem("unauthenticated", "Send the agent token as: Authorization: Bearer rsa_… (an admin creates one on the cluster's page).") };
  const check = await agentForToken(token, { name: nameOf(request.headers.get(AGENT_HEADER)), version: (request.headers.get(AGENT_VERSION_HEADER) ?? "").slice(0, 40) });
  if (!check.ok) return { response: problem("unauthenticated", why[check.reason]) };
  return { agent: check.agent };
}
