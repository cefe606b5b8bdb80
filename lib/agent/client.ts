import type { z } from "zod";
import {
  AGENT_HEADER,
  AGENT_VERSION_HEADER,
  claimAnswer,
  finishAnswer,
  reportAnswer,
  type claimedStep,
  type finishRequest,
} from "@/lib/api/agent-protocol";
import type { AgentOptions } from "./options";

export const AGENT_VERSION = "1";

export type ClaimedStep = z.output<typeof claimedStep>;
export type Finish = z.input<typeof finishRequest>;

/** The token was refused (revoked, unknown): the agent stops, saying why. */
export class Refused extends Error {}

/**
 * The agent's only door into Runsheet: HTTPS requests out, to the API's agent endpoints, with the
 * agent token. No inbound port. Every answer is parsed with the protocol's own schemas.
 */
export class AgentClient {
  constructor(private readonly options: AgentOptions) {}

  private async post<T extends z.ZodType>(path: string, body: unknown, schema: T, timeoutMs: number): Promise<z.output<T>> {
    const res = await fetch(`${this.options.server}/api/v1${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.options.token}`,
        "content-type": "application/json",
        [AGENT_HEADER]: this.options.name,
        [AGENT_VERSION_HEADER]: AGENT_VERSION,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON: said below */
    }
    const message = (json as { error?: { message?: string } } | null)?.error?.message;
    if (res.status === 401) throw new Refused(message ?? "The agent token was refused.");
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}${message ? `: ${message}` : ""}`);
    return schema.parse(json);
  }

  /** Long poll: up to `max` steps, waiting up to 20 s for work. */
  claim(max: number, waitSeconds = 20) {
    return this.post("/agent/claim", { max, waitSeconds }, claimAnswer, (waitSeconds + 15) * 1000);
  }

  /** Output since the last report (an empty string is a heartbeat); renews the lease. */
  output(itemId: number, data: string) {
    return this.post(`/agent/items/${itemId}/output`, { data }, reportAnswer, 15_000);
  }

  finish(itemId: number, outcome: Finish) {
    return this.post(`/agent/items/${itemId}/finish`, outcome, finishAnswer, 15_000);
  }
}
