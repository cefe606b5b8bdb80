import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Customers" };

export default function CustomersPage() {
  return <PageHeader title="Customers" />;
}
