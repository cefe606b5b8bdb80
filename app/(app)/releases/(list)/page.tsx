import type { Metadata } from "next";
import { releaseListHref } from "@/components/releases/list-url";
import { ReleaseFilters } from "@/components/releases/release-filters";
import { ReleaseTable } from "@/components/releases/release-table";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { loadReleasesPage } from "@/lib/domain/releases/loaders";

export const metadata: Metadata = { title: "Releases" };

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { can, filter, clusters, filterCluster, staleFilter, releases } = await loadReleasesPage(await searchParams);
  const canManage = can.manageReleases;
  const filtered = Boolean(filter.status || filter.type || filterCluster);
  return (
    <>
      <PageHeader
        title="Releases"
        description="Onboardings, releases and hotfixes: their template steps, who they cover and how far they are."
        actions={
          canManage ? (
            <>
              <ButtonLink href="/releases/import" variant="secondary">
                Import…
              </ButtonLink>
              <ButtonLink href="/releases/new">New release</ButtonLink>
            </>
          ) : null
        }
      />
      <ReleaseFilters filter={filter} clusters={clusters} />
      {staleFilter ? (
        <div className="mb-4">
          <Alert tone="info">That cluster no longer exists; showing releases on all clusters.</Alert>
        </div>
      ) : null}
      {releases.length ? (
        <ReleaseTable releases={releases} />
      ) : filter.q ? (
        <EmptyState
          title={`No releases match “${filter.q}”`}
          action={
            <ButtonLink href={releaseListHref({ ...filter, q: undefined })} variant="secondary">
              Clear search
            </ButtonLink>
          }
        >
          The search looks at release names and versions{filtered ? ", within the filters above" : ""}.
        </EmptyState>
      ) : filtered ? (
        <EmptyState title="No releases match these filters" action={<ButtonLink href="/releases" variant="secondary">Show all releases</ButtonLink>}>
          {filterCluster ? `The cluster filter keeps releases that include a customer on ${filterCluster.name}.` : null}
        </EmptyState>
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
