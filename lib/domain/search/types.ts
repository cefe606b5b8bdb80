import type { ReleaseStatus, StepCategory } from "@/db/schema/vocabulary";

/** One group of matches: the first few (GROUP_LIMIT), and whether there are more. */
export type HitGroup<T> = { items: T[]; more: boolean };

export type CustomerHit = { id: number; name: string; namespace: string; clusterName: string; href: string };
export type ClusterHit = { id: number; name: string; isActive: boolean; href: string };
export type ReleaseHit = { id: number; name: string; versionNumber: string | null; status: ReleaseStatus; href: string };
export type TemplateStepHit = {
  id: number;
  name: string;
  category: StepCategory;
  releaseId: number;
  releaseName: string;
  releaseStatus: ReleaseStatus;
  href: string;
};

/** What the palette receives for one search (the text is echoed so a late answer can be told apart). */
export type SearchResults = {
  q: string;
  customers: HitGroup<CustomerHit>;
  clusters: HitGroup<ClusterHit>;
  releases: HitGroup<ReleaseHit>;
  templateSteps: HitGroup<TemplateStepHit>;
};
