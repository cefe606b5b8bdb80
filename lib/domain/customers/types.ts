import type { Metadata } from "@/db/schema";

/** The cluster a customer lives on; shown wherever the customer is (spec 8.1). */
export type CustomerCluster = { id: number; name: string; isActive: boolean; deleted: boolean; kubeconfigPath: string | null };

export type CustomerSummary = {
  id: number;
  name: string;
  namespace: string;
  description: string;
  metadata: Metadata;
  isActive: boolean;
  archivedAt: Date | null;
  cluster: CustomerCluster;
};

export type CustomerDetail = CustomerSummary & { createdAt: Date; updatedAt: Date };
