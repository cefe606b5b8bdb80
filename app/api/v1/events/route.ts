import { eventsOp } from "@/lib/api/endpoints/events";
import { handlerOf } from "@/lib/api/operation";

export const GET = handlerOf(eventsOp);
