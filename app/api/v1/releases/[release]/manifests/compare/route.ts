import { compareManifestsOp } from "@/lib/api/endpoints/manifests";
import { handlerOf } from "@/lib/api/operation";

export const POST = handlerOf(compareManifestsOp);
