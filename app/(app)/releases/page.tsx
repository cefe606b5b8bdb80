import type { Metadata } from "next";
import { ReleaseFilters } from "@/components/releases/release-filters";
import { ReleaseTable } from "@/components/releases/release-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { loadReleasesPage } from "@/lib/domain/releases/loaders";

export const metadata: Metadata = { title: "Releases" };

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { can, filter, releases } = await loadReleasesPage(await searchParams);
  const canManage = can.manageReleases;
  const filtered = Boolean(filter.status || filter.type);
  return (
    <>
      <PageHeader
        title="Releases"
        description="Onboardings, releases and hotfixes: their template steps, who they cover and how far they are."
        actions={canManage ? <ButtonLink href="/releases/new">New release</ButtonLink> : null}
      />
      <ReleaseFilters filter={filter} />
      {releases.length ? (
        <ReleaseTable releases={releases} />
      ) : filtered ? (
        <EmptyState title="No releases match these filters" action={<ButtonLink href="/releases" variant="secondary">Show all releases</ButtonLink>} />
      ) : (
        <EmptyState
          title="No releases yet"
          action={canManage ? <ButtonLink href="/releases/new">Create the first release</ButtonLink> : null}
        >
          A release is a named set of deploy and verify steps. Activate it and every customer gets its own checklist.
        </EmptyState>
      )}
    </>
  );
}
