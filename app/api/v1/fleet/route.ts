import { getFleetOp, putFleetOp } from "@/lib/api/endpoints/fleet";
import { handlerOf } from "@/lib/api/operation";

export const GET = handlerOf(getFleetOp);
export const PUT = handlerOf(putFleetOp);
