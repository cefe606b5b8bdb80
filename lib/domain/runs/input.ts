import { z } from "zod";
import { id, version } from "@/lib/domain/shared/input";

const whole = (min: number, max: number, what: string) =>
  z.coerce.number({ error: `${what} is a whole number from ${min} to ${max}.` }).int(`${what} is a whole number from ${min} to ${max}.`).min(min, `${what} is at least ${min}.`).max(max, `${what} is at most ${max}.`);
/** An optional number from a form: blank means none. */
const optionalWhole = (min: number, max: number, what: string) => z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), whole(min, max, what).optional());

/** Timeout per step, in minutes (an agent stops a step that runs longer: SIGTERM, then SIGKILL). */
const timeoutMinutes = z.preprocess((v) => (v === "" || v === undefined ? 10 : v), whole(1, 24 * 60, "The timeout"));

/** "Run" on one step: the version the person saw (a change meanwhile is a conflict, as for a click). */
export const runStepInput = z.object({ stepId: id, version, timeoutMinutes });
export type RunStepInput = z.output<typeof runStepInput>;

/** Run a template step across customers: a window (overall and per cluster) and a failure budget. */
export const runAcrossInput = z
  .object({
    releaseId: id,
    templateId: id,
    clusterId: z.preprocess((v) => (v === "" || v === "all" ? undefined : v), id.optional()),
    maxParallel: z.preprocess((v) => (v === "" || v === undefined ? 5 : v), whole(1, 200, "At a time")),
    /** Left out: as many as at a time overall. */
    maxParallelPerCluster: z.preprocess((v) => (v === "" || v === null ? undefined : v), whole(1, 200, "Per cluster").optional()),
    failureBudget: optionalWhole(1, 100_000, "Failures"),
    failureBudgetPercent: optionalWhole(1, 100, "The failure percentage"),
    timeoutMinutes,
  })
  .superRefine((v, ctx) => {
    if (v.maxParallelPerCluster !== undefined && v.maxParallelPerCluster > v.maxParallel) ctx.addIssue({ code: "custom", path: ["maxParallelPerCluster"], message: "Per cluster cannot be more than at a time overall." });
  })
  .transform((v) => ({ ...v, maxParallelPerCluster: v.maxParallelPerCluster ?? v.maxParallel }));
export type RunAcrossInput = z.output<typeof runAcrossInput>;

/** Run a customer's agent steps in order, stopping at the first failure. */
export const runCustomerInput = z.object({ releaseId: id, customerId: id, timeoutMinutes });
export type RunCustomerInput = z.output<typeof runCustomerInput>;

export const runIdInput = z.object({ runId: id });
