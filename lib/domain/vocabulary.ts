import * as stored from "@/db/schema/vocabulary";

/**
 * The product's closed vocabularies (roles, release types and statuses, step categories, types
 * and statuses) as everything above the domain uses them: components and pages import them from
 * here and never reach into db/ (HOUSE.md). They are declared once, beside the database enums
 * they define (db/schema/vocabulary.ts), because db/ knows nothing of the domain; this module is
 * the domain's word for them.
 */
export const roles = stored.roles;
export const releaseTypes = stored.releaseTypes;
export const releaseStatuses = stored.releaseStatuses;
export const stepCategories = stored.stepCategories;
export const stepTypes = stored.stepTypes;
export const stepStatuses = stored.stepStatuses;
export const stepExecutions = stored.stepExecutions;
export const runStates = stored.runStates;
export const runItemStates = stored.runItemStates;
export const runStatuses = stored.runStatuses;

export type Role = stored.Role;
export type ReleaseType = stored.ReleaseType;
export type ReleaseStatus = stored.ReleaseStatus;
export type StepCategory = stored.StepCategory;
export type StepType = stored.StepType;
export type StepStatus = stored.StepStatus;
export type StepExecution = stored.StepExecution;
export type RunState = stored.RunState;
export type RunItemState = stored.RunItemState;
export type RunStatus = stored.RunStatus;
/** What a step shows: its run state while an agent has it, its status otherwise. */
export type ShownStatus = StepStatus | RunState;
