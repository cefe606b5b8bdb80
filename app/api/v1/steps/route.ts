import { findStepOp } from "@/lib/api/endpoints/steps";
import { handlerOf } from "@/lib/api/operation";

export const GET = handlerOf(findStepOp);
