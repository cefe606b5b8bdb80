import { getPublishOp } from "@/lib/api/endpoints/manifests";
import { handlerOf } from "@/lib/api/operation";

export const GET = handlerOf(getPublishOp);
