import { invalidState } from "@/lib/domain/errors";
import type { ReleaseStatus, ReleaseType } from "@/db/schema/vocabulary";


export const releaseTypeLabels: Record<ReleaseType, string> = {
  onboarding: "Onboarding",
  release: "Release",
  hotfix: "Hotfix",
};
export const releaseStatusLabels: Record<ReleaseStatus, string> = {
  draft: "Draft",
  active: "Active",
  archived: "Archived",
};

/** v2.5.0, 2.5.0, v2.5.0-rc.1, 2.5.0+build.7: semver with an optional leading "v". */
export const versionPattern = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
export const versionMessage = 'Use a version like "v2.5.0" or "2.5.0" (major.minor.patch).';

/*
 * Lifecycle (FR-002, FR-005), decided here and enforced by the mutations:
 *
 *   draft ──activate──▶ active ──archive──▶ archived
 *     └──────────archive ("abandon")───────────▲
 *
 * - Activating needs at least one live template step; activating an active release again is a
 *   harmless no-op (nothing is duplicated); an archived release is never re-activated (clone it).
 * - Archiving a draft is allowed deliberately: it is how an abandoned plan is put away (FR-005
 *   "completed/abandoned releases"). No customer steps exist, so nothing is lost.
 * - There is no way back from active to draft: customer steps (and their history) exist.
 * - Archived releases are read-only: no edits to the release, its template steps or its
 *   customers. Cloning an archived release is allowed and is the way to start again.
 * - The type is fixed once a release is active (it decides what the version means).
 */
export function assertNotArchived(status: ReleaseStatus): void {
  if (status === "archived") {
    throw invalidState("Archived releases are read-only. Clone it to start a new draft.");
  }
}

export function assertCanActivate(status: ReleaseStatus): void {
  if (status === "archived") {
    throw invalidState("An archived release cannot be activated again. Clone it to start a new draft.");
  }
}

export function assertActive(status: ReleaseStatus, what: string): void {
  assertNotArchived(status);
  if (status !== "active") throw invalidState(`Only an active release can ${what}; activate it first.`);
}
