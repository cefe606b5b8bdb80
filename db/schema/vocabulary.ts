/**
 * The product's closed vocabularies, declared once. The database enums (enums.ts), the zod input
 * schemas and the TypeScript types are all derived from these lists, so a new step type or
 * release status is added in one place (and a migration). Plain data: safe to import anywhere,
 * the browser included.
 */
export const roles = ["admin", "release_manager", "viewer"] as const;
export const releaseTypes = ["onboarding", "release", "hotfix"] as const;
export const releaseStatuses = ["draft", "active", "archived"] as const;
export const releaseScopes = ["all", "selected"] as const;
export const releaseMemberships = ["included", "excluded"] as const;
export const stepCategories = ["deploy", "verify"] as const;
// yaml is an addition to the spec's bash/sql/text: manifests are reviewed as steps too.
export const stepTypes = ["bash", "sql", "text", "yaml"] as const;
export const stepStatuses = ["pending", "done", "skipped", "reverted"] as const;
/**
 * How a step is carried out: by a person (manual, the default), by an agent next to the
 * customer's cluster (bash, SQL and YAML steps; text steps are always manual), or, for a YAML
 * step, by publishing it to the manifest repository, where a reviewed merge hands it to GitOps.
 * Part of the content: changing it is a content change (review, drift, history).
 */
export const stepExecutions = ["manual", "agent", "manifest"] as const;
/**
 * Where a step is in an agent's hands, beside its status (which stays pending or reverted until
 * the step is done): queued for a run, running on an agent, failed (non-zero exit or timeout,
 * with its output) or outcome unknown (the agent's lease ran out: it may or may not have run, so
 * it never runs again by itself). Failed and unknown are work left in every progress figure.
 */
export const runStates = ["queued", "running", "failed", "unknown"] as const;
/** One customer step's place in a run. */
export const runItemStates = ["queued", "running", "done", "failed", "unknown", "cancelled"] as const;
/** A run as a whole: working through its queue, paused (by a person or its failure budget), or over. */
export const runStatuses = ["active", "paused", "cancelled", "finished"] as const;
/** How a customer step came to exist; its first history entry is derived from this. */
export const stepOrigins = [
  "activation", // copied from the template when the release was activated
  "customer_joined", // customer created or re-activated while the release was active (BR-S06)
  "scope_added", // customer added to a narrowed release after activation
  "template_added", // template step added after activation (incl. "Add to template")
  "custom", // custom step for this customer only (BR-S01)
] as const;
export const stepEventKinds = [
  "content_overridden",
  "reset_to_template",
  "edited_via_template",
  "marked_done",
  "skipped",
  "unskipped",
  "reverted",
  "custom_edited",
  "custom_removed",
  "template_removed",
  "notes_updated",
  "override_kept", // the template changed since the override, and the customer's content stays
  "reviewed", // four eyes: someone other than its author reviewed the content as it will run
  "run_failed", // an agent ran it and it failed (non-zero exit, timeout, cancelled while running)
  "run_unknown", // an agent claimed it and its lease ran out: it may or may not have run
] as const;

export type Role = (typeof roles)[number];
export type ReleaseType = (typeof releaseTypes)[number];
export type ReleaseStatus = (typeof releaseStatuses)[number];
export type ReleaseScope = (typeof releaseScopes)[number];
export type ReleaseMembership = (typeof releaseMemberships)[number];
export type StepCategory = (typeof stepCategories)[number];
export type StepType = (typeof stepTypes)[number];
export type StepStatus = (typeof stepStatuses)[number];
export type StepOrigin = (typeof stepOrigins)[number];
export type StepEventKind = (typeof stepEventKinds)[number];
export type StepExecution = (typeof stepExecutions)[number];
export type RunState = (typeof runStates)[number];
export type RunItemState = (typeof runItemStates)[number];
export type RunStatus = (typeof runStatuses)[number];
