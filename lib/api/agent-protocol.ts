import { z } from "zod";

/**
 * What Runsheet and its agents say to each other (README, "Agents"), the one place both read: the
 * server's route handlers parse requests with these and the agent (lib/agent/, a separate
 * process next to a cluster) parses answers with them. Plain zod, nothing else: the agent
 * imports this file and no other part of Runsheet (a lint zone keeps it so).
 *
 * The agent calls out only (no inbound port): it long-polls for work, streams output (which also
 * renews its lease) and reports how each step ended.
 */

export const AGENT_HEADER = "x-runsheet-agent";
export const AGENT_VERSION_HEADER = "x-runsheet-agent-version";

/** POST /api/v1/agent/claim: up to `max` steps of the token's cluster; waits up to `waitSeconds` for work. */
export const claimRequest = z
  .object({
    max: z.number().int().min(1).max(50).default(1).describe("How many steps this agent can start now"),
    waitSeconds: z.number().int().min(0).max(25).default(20).describe("Long poll: how long to wait for work before answering an empty list"),
  })
  .meta({ id: "AgentClaimRequest" });

export const claimedStep = z
  .object({
    itemId: z.number().int().describe("The run item: report output and the outcome on it"),
    runId: z.number().int(),
    stepId: z.number().int(),
    type: z.enum(["bash", "sql", "yaml", "text"]),
    name: z.string(),
    content: z.string().describe("Exactly what to run, rendered for this customer when it was claimed; the agent never renders"),
    sha256: z.string().describe("SHA-256 of content, kept with the outcome"),
    namespace: z.string(),
    customer: z.string(),
    cluster: z.string(),
    release: z.string(),
    releaseVersion: z.string().nullable(),
    kubeconfigPath: z.string().nullable().describe("The cluster's kubeconfig path as Runsheet knows it (the agent's own --kubeconfig wins)"),
    timeoutSeconds: z.number().int(),
    leaseSeconds: z.number().int().describe("Report (output or an empty heartbeat) well within this, or the outcome becomes unknown"),
  })
  .meta({ id: "AgentClaimedStep" });

export const claimAnswer = z.object({ steps: z.array(claimedStep) }).meta({ id: "AgentClaimAnswer" });

/** POST /api/v1/agent/items/{itemId}/output: stdout and stderr as they come (masked by the agent); empty = heartbeat. */
export const outputRequest = z
  .object({ data: z.string().max(256 * 1024).default("").describe("Output since the last report (masked: the agent's secrets never leave it)") })
  .meta({ id: "AgentOutputRequest" });

export const reportAnswer = z
  .object({
    cancel: z.boolean().describe("Stop the step: SIGTERM, then SIGKILL after a grace"),
    leaseLost: z.boolean().describe("The lease ran out before this report: people see 'outcome unknown' until the final report"),
    leaseSeconds: z.number().int(),
  })
  .meta({ id: "AgentReportAnswer" });

/** POST /api/v1/agent/items/{itemId}/finish */
export const finishRequest = z
  .object({
    exitCode: z.number().int().min(-2_147_483_648).max(2_147_483_647).nullable().describe("The process's exit code; null when it was killed by a signal or could not start"),
    durationMs: z.number().min(0).max(2_147_483_647),
    timedOut: z.boolean().default(false),
    cancelled: z.boolean().default(false),
    error: z.string().max(2000).optional().describe("Why it could not run at all (e.g. no SQL URL configured)"),
  })
  .meta({ id: "AgentFinishRequest" });

export const finishAnswer = z.object({ state: z.enum(["done", "failed", "ignored"]) }).meta({ id: "AgentFinishAnswer" });
