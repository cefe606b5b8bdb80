import { agentFinishOp } from "@/lib/api/endpoints/agent";
import { handlerOf } from "@/lib/api/operation";

export const POST = handlerOf(agentFinishOp);
