"use server";

import { defineAction } from "@/lib/domain/define-action";
import { agentTokenIdInput, createAgentTokenInput } from "./input";
import { createAgentToken, revokeAgentToken } from "./mutations/tokens";

export const createAgentTokenAction = defineAction({
  name: "agent_token.create",
  role: "admin",
  verb: "create agent tokens",
  input: createAgentTokenInput,
  run: (input, actor) => createAgentToken(actor, input),
  revalidate: (_d, input) => [`/clusters/${input.clusterId}`],
});

export const revokeAgentTokenAction = defineAction({
  name: "agent_token.revoke",
  role: "admin",
  verb: "revoke agent tokens",
  input: agentTokenIdInput,
  run: (input, actor) => revokeAgentToken(actor, input),
  revalidate: (d) => [`/clusters/${d.clusterId}`],
});
