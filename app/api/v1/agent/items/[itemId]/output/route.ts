import { agentOutputOp } from "@/lib/api/endpoints/agent";
import { handlerOf } from "@/lib/api/operation";

export const POST = handlerOf(agentOutputOp);
