import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Releases" };

export default function ReleasesPage() {
  return <PageHeader title="Releases" />;
}
