import type { Metadata } from "next";
import { RepositoriesTable } from "@/components/manifests/repositories-table";
import { RepositoryDialog } from "@/components/manifests/repository-dialog";
import { AdminTabs } from "@/components/shell/admin-tabs";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { loadRepositoriesPage } from "@/lib/domain/manifests/loaders";

export const metadata: Metadata = { title: "Manifest repositories" };

export default async function ManifestRepositoriesPage() {
  const { repositories, scopes } = await loadRepositoriesPage();
  return (
    <>
      <AdminTabs />
      <PageHeader
        title="Manifest repositories"
        description="Where YAML steps are carried out by GitOps: Runsheet writes each customer's final manifest to a branch, someone else approves the merge, and Argo CD or Flux applies the branch."
        actions={repositories.length ? <RepositoryDialog scopes={scopes} /> : null}
      />
      <Card>
        <RepositoriesTable repositories={repositories} scopes={scopes} />
      </Card>
    </>
  );
}
