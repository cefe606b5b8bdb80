import { releaseStatusOp } from "@/lib/api/endpoints/releases";
import { handlerOf } from "@/lib/api/operation";

export const GET = handlerOf(releaseStatusOp);
