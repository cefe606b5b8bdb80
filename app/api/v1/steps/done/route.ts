import { markDoneByLookupOp } from "@/lib/api/endpoints/steps";
import { handlerOf } from "@/lib/api/operation";

export const POST = handlerOf(markDoneByLookupOp);
