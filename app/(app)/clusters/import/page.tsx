import type { Metadata } from "next";
import Link from "next/link";
import { FleetImport } from "@/components/fleet/fleet-import";
import { PageHeader } from "@/components/ui/page-header";
import { loadFleetImportPage } from "@/lib/domain/fleet/loaders";

export const metadata: Metadata = { title: "Import fleet" };

export default async function ImportFleetPage() {
  const { clusters } = await loadFleetImportPage();
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/clusters" className="hover:underline">Clusters</Link>}
        title="Import fleet"
        description="Bring clusters and customers in from the files you have: a fleet file, a spreadsheet, a kubeconfig or a cluster's namespaces. You see every change before it happens; it applies all at once or not at all."
      />
      <FleetImport clusters={clusters} />
    </>
  );
}
