import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LedgerExport } from "@/components/customers/ledger-export";
import { LedgerView } from "@/components/customers/ledger-view";
import { PageHeader } from "@/components/ui/page-header";
import { loadCustomer, loadCustomerLedger } from "@/lib/domain/customers/loaders";

type Props = { params: Promise<{ customerId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const customer = await loadCustomer((await params).customerId);
  return { title: customer ? `Evidence ledger · ${customer.name}` : "Customer not found" };
}

/** A customer's evidence across releases: what ran (as it ran), by whom, when, notes and reasons; CSV and JSON. */
export default async function CustomerLedgerPage({ params, searchParams }: Props) {
  const page = await loadCustomerLedger((await params).customerId, await searchParams);
  if (!page) notFound();
  const { customer, entries, releases, filters } = page;
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/customers/${customer.id}`} className="hover:underline">
            {customer.name}
          </Link>
        }
        title="Evidence ledger"
        description={
          <>
            Every step done, skipped, reverted, un-skipped or reviewed for {customer.name} (<code className="font-mono">{customer.namespace}</code>) across releases,
            newest first, with what ran exactly as it ran. Times in your time zone; the exports in UTC.
          </>
        }
        actions={<LedgerExport customer={{ name: customer.name, namespace: customer.namespace }} entries={entries} />}
      />
      <LedgerView customerId={customer.id} customerName={customer.name} entries={entries} releases={releases} filters={filters} />
    </>
  );
}
