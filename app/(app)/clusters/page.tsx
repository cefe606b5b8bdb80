import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Clusters" };

export default function ClustersPage() {
  return <PageHeader title="Clusters" />;
}
