import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "release_manager", "viewer"]);
export const releaseTypeEnum = pgEnum("release_type", ["onboarding", "release", "hotfix"]);
export const releaseStatusEnum = pgEnum("release_status", ["draft", "active", "archived"]);
export const stepCategoryEnum = pgEnum("step_category", ["deploy", "verify"]);
// yaml is an addition to the spec's bash/sql/text: manifests are reviewed as steps too.
export const stepTypeEnum = pgEnum("step_type", ["bash", "sql", "text", "yaml"]);
export const stepStatusEnum = pgEnum("step_status", ["pending", "done", "skipped", "reverted"]);
/** How a customer step came to exist; its first history entry is derived from this. */
export const stepOriginEnum = pgEnum("step_origin", [
  "activation", // copied from the template when the release was activated
  "customer_joined", // customer created or re-activated while the release was active (BR-S06)
  "scope_added", // customer added to a narrowed release after activation
  "template_added", // template step added after activation (incl. "Add to template")
  "custom", // custom step for this customer only (BR-S01)
]);
/** Whether a customer takes part in a release: narrowed activations record who was left out. */
export const releaseMembershipEnum = pgEnum("release_membership", ["included", "excluded"]);
export const releaseScopeEnum = pgEnum("release_scope", ["all", "selected"]);
export const stepEventKindEnum = pgEnum("step_event_kind", [
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
]);
