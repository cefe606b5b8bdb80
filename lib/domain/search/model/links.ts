import type { ReleaseStatus } from "@/db/schema/vocabulary";

/** How many matches of each kind the palette shows; typing more narrows the rest. */
export const GROUP_LIMIT = 8;

export const customerHref = (id: number) => `/customers/${id}`;
export const clusterHref = (id: number) => `/clusters/${id}`;
export const releaseHref = (id: number) => `/releases/${id}`;

/**
 * A template step's page across customers exists once the release has been activated (active or
 * archived); a draft's steps are edited on the release page itself.
 */
export const templateStepHref = (releaseId: number, templateId: number, status: ReleaseStatus) =>
  status === "draft" ? releaseHref(releaseId) : `/releases/${releaseId}/steps/${templateId}`;
