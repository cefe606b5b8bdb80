"use client";

import { Button } from "@/components/ui/button";
import { ledgerCsv } from "@/lib/domain/customers/model/ledger";
import type { LedgerEntry } from "@/lib/domain/customers/types";

function download(text: string, type: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

/** The ledger as shown (with its filters) as CSV or JSON, named after the customer's namespace. */
export function LedgerExport({ customer, entries }: { customer: { name: string; namespace: string }; entries: LedgerEntry[] }) {
  const base = `${customer.namespace}-ledger`;
  return (
    <div className="flex gap-2">
      <Button variant="secondary" size="sm" disabled={entries.length === 0} onClick={() => download(ledgerCsv(customer, entries), "text/csv", `${base}.csv`)}>
        Export CSV
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={entries.length === 0}
        onClick={() => download(JSON.stringify({ customer, entries }, null, 2) + "\n", "application/json", `${base}.json`)}
      >
        Export JSON
      </Button>
    </div>
  );
}
