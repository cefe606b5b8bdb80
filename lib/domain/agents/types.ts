/** An agent token as the cluster page lists it (never the token itself). */
export type AgentTokenRow = {
  id: number;
  name: string;
  prefix: string;
  createdByName: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  /** The agent processes that called in with it, most recent first. */
  agents: ConnectedAgent[];
};

export type ConnectedAgent = { id: number; name: string; version: string; firstSeenAt: Date; lastSeenAt: Date; /** Seen in the last minute (agents call in at least every 20 s). */ connected: boolean };

/** Answered once, when the token is created. */
export type CreatedAgentToken = { id: number; name: string; token: string; clusterName: string };
