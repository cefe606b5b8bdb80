import { getStepOp } from "@/lib/api/endpoints/steps";
import { handlerOf } from "@/lib/api/operation";

export const GET = handlerOf(getStepOp);
