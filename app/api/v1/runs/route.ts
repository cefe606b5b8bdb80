import { startRunOp } from "@/lib/api/endpoints/runs";
import { handlerOf } from "@/lib/api/operation";

export const POST = handlerOf(startRunOp);
