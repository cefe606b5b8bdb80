import { z } from "zod";
import { id, requiredText } from "@/lib/domain/shared/input";

/** An agent token for one cluster (the cluster page, admins). */
export const createAgentTokenInput = z.object({ clusterId: id, name: requiredText(100, "Name") });
export type CreateAgentTokenInput = z.output<typeof createAgentTokenInput>;
export const agentTokenIdInput = z.object({ tokenId: id });
