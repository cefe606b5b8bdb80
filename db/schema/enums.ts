import { pgEnum } from "drizzle-orm/pg-core";
import {
  releaseMemberships,
  releaseScopes,
  releaseStatuses,
  releaseTypes,
  roles,
  stepCategories,
  stepEventKinds,
  stepOrigins,
  stepStatuses,
  stepTypes,
} from "./vocabulary";

// The database's enum types, from the one vocabulary (vocabulary.ts).
export const roleEnum = pgEnum("role", roles);
export const releaseTypeEnum = pgEnum("release_type", releaseTypes);
export const releaseStatusEnum = pgEnum("release_status", releaseStatuses);
export const stepCategoryEnum = pgEnum("step_category", stepCategories);
export const stepTypeEnum = pgEnum("step_type", stepTypes);
export const stepStatusEnum = pgEnum("step_status", stepStatuses);
export const stepOriginEnum = pgEnum("step_origin", stepOrigins);
/** Whether a customer takes part in a release: narrowed activations record who was left out. */
export const releaseMembershipEnum = pgEnum("release_membership", releaseMemberships);
export const releaseScopeEnum = pgEnum("release_scope", releaseScopes);
export const stepEventKindEnum = pgEnum("step_event_kind", stepEventKinds);
