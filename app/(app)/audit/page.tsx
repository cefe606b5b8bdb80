import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AdminTabs } from "@/components/shell/admin-tabs";
import { loadAuditPage } from "@/lib/domain/audit/loaders";

export const metadata: Metadata = { title: "Audit log" };


export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { search, result, options } = await loadAuditPage(await searchParams);
  const { page: _page, ...filters } = search;
  const hrefFor = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...filters, page: page > 1 ? String(page) : undefined }).filter((e): e is [string, string] => Boolean(e[1])));
    const qs = params.toString();
    return qs ? `/audit?${qs}` : "/audit";
  };
  const filtered = Object.values(filters).some(Boolean);
  const first = (result.page - 1) * result.pageSize + 1;

  return (
    <>
      <AdminTabs />
      <PageHeader title="Audit log" description="Every change, who made it and when, newest first. Entries can't be edited or deleted." />
      <Card>
        <AuditFilters search={filters} actors={options.actors} actions={options.actions} />
        <AuditTable rows={result.rows} filtered={filtered} />
        {result.rows.length > 0 || result.hasPrev ? (
          <nav aria-label="Audit log pages" className="flex items-center justify-between gap-4 border-t border-zinc-200 px-5 py-3 text-sm dark:border-zinc-800">
            <span className="text-zinc-500 dark:text-zinc-400">
              {result.rows.length > 0 ? `Entries ${first}–${first + result.rows.length - 1}` : "No entries on this page"}
            </span>
            <div className="flex gap-2">
              {result.hasPrev ? <ButtonLink variant="secondary" size="sm" href={hrefFor(result.page - 1)} rel="prev">← Newer</ButtonLink> : null}
              {result.hasNext ? <ButtonLink variant="secondary" size="sm" href={hrefFor(result.page + 1)} rel="next">Older →</ButtonLink> : null}
            </div>
          </nav>
        ) : null}
      </Card>
    </>
  );
}
