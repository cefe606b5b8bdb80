import type { Metadata } from "@/db/schema";

/** A customer as it appears under its cluster (spec 8.1: always with its namespace). */
export type ClusterMember = { id: number; name: string; namespace: string };

/** One row of the clusters list (sketch 5.3). */
export type ClusterSummary = {
  id: number;
  name: string;
  kubeconfigPath: string | null;
  description: string;
  isActive: boolean;
  metadata: Metadata;
  /** `metadata.region`, pulled out because every list shows it. */
  region: string | null;
  /** Active customers only; archived ones do not count (BR-C01). */
  customers: ClusterMember[];
  createdAt: Date;
  updatedAt: Date;
};

export type ClusterDetail = ClusterSummary & { archivedCustomerCount: number };

/** For cluster pickers and filters. */
export type ClusterOption = { id: number; name: string; isActive: boolean; kubeconfigPath: string | null };
