import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CategoryTabs } from "@/components/matrix/category-tabs";
import { MatrixFilters } from "@/components/matrix/filters";
import { MatrixLegend } from "@/components/matrix/legend";
import { MatrixView } from "@/components/matrix/matrix-view";
import { ReleaseHeader } from "@/components/matrix/release-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { loadMatrixPage, loadMatrixRelease } from "@/lib/domain/matrix/loaders";

type Props = {
  params: Promise<{ releaseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const release = await loadMatrixRelease((await params).releaseId);
  return { title: release ? `Matrix · ${release.name}` : "Release not found" };
}

/** The release matrix (FV-003, FR-006/007, sketch 5.5). */
export default async function MatrixPage({ params, searchParams }: Props) {
  const page = await loadMatrixPage((await params).releaseId, await searchParams);
  if (!page) notFound();
  const { matrix, params: p, canAct, initialStep: step, canExpandAll } = page;
  const { release } = matrix;

  if (matrix.totalCustomers === 0) {
    return (
      <div>
        <ReleaseHeader release={release} />
        <EmptyState
          title={release.status === "draft" ? "Not activated yet" : "No customers in this release"}
          action={<ButtonLink href={`/releases/${release.id}`} variant="secondary">Go to the release</ButtonLink>}
        >
          {release.status === "draft"
            ? "The matrix fills in when the release is activated: its template steps are copied to every customer."
            : "No customer takes part in this release."}
        </EmptyState>
      </div>
    );
  }

  // A cluster whose customers span stages shows as one block per stage: count it once.
  const shownClusters = new Set(matrix.clusters.map((k) => k.id)).size;
  const toolbar = (
    <div className="mb-4 space-y-3">
      <CategoryTabs releaseId={release.id} params={p} />
      <MatrixFilters releaseId={release.id} params={p} clusters={matrix.clusterOptions} canExpandAll={canExpandAll} archivedCustomers={matrix.archivedCustomers} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <MatrixLegend />
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="shown-count">
          {matrix.shownCustomers === matrix.totalCustomers ? `${matrix.totalCustomers} customers` : `${matrix.shownCustomers} of ${matrix.totalCustomers} customers`} in{" "}
          {shownClusters} cluster{shownClusters === 1 ? "" : "s"}
          {matrix.large ? " · large release: clusters start collapsed" : ""}
        </p>
      </div>
    </div>
  );

  return (
    <div>
      <ReleaseHeader release={release} />
      {!canAct && release.status !== "active" ? (
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">This release is {release.status}: its steps are read-only.</p>
      ) : null}
      <MatrixView
        matrix={matrix}
        canAct={canAct}
        toolbar={toolbar}
        initialStep={step}
      />
      {matrix.clusters.length === 0 ? (
        <div className="mt-4">
          <EmptyState title="No customers match these filters">Change or clear the filters to see more customers.</EmptyState>
        </div>
      ) : null}
    </div>
  );
}
