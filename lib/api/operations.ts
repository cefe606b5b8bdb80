import "server-only";
import type { z } from "zod";
import type { Operation } from "./operation";
import { listReleasesOp, releaseStatusOp } from "./endpoints/releases";
import { eventsOp } from "./endpoints/events";
import { agentClaimOp, agentFinishOp, agentOutputOp } from "./endpoints/agent";
import { getRunOp, runOutputOp, startRunOp } from "./endpoints/runs";
import { getFleetOp, putFleetOp } from "./endpoints/fleet";
import { compareManifestsOp, getPublishOp, mergePublishOp, publishManifestsOp } from "./endpoints/manifests";
import { findStepOp, getStepOp, markDoneByLookupOp, markDoneOp, noteOp, revertOp, skipOp } from "./endpoints/steps";

/** Every API operation: the OpenAPI document lists exactly these (a test checks app/api/v1 against it). */
export const operations = [listReleasesOp, releaseStatusOp, findStepOp, getStepOp, markDoneOp, markDoneByLookupOp, skipOp, revertOp, noteOp, eventsOp, startRunOp, getRunOp, runOutputOp, agentClaimOp, agentOutputOp, agentFinishOp, getFleetOp, putFleetOp, publishManifestsOp, getPublishOp, mergePublishOp, compareManifestsOp] as unknown as Operation<z.ZodObject | undefined, z.ZodObject | undefined>[];
