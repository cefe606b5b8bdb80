import { runOutputOp } from "@/lib/api/endpoints/runs";
import { handlerOf } from "@/lib/api/operation";

export const GET = handlerOf(runOutputOp);
