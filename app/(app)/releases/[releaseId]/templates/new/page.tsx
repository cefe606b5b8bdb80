import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateForm } from "@/components/templates/template-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { loadNewTemplatePage } from "@/lib/domain/releases/loaders";

export const metadata: Metadata = { title: "Add template step" };

export default async function NewTemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ releaseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = await loadNewTemplatePage((await params).releaseId, await searchParams);
  if (!page) notFound();
  const { release, category, siblings } = page;
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link href="/releases" className="hover:underline">Releases</Link> /{" "}
            <Link href={`/releases/${release.id}`} className="hover:underline">{release.name}</Link>
          </>
        }
        title="Add template step"
      />
      {release.status === "archived" ? (
        <Alert tone="warning" title="Archived releases are read-only" />
      ) : (
        <div className="space-y-5">
          {release.status === "active" ? (
            <Alert tone="info" title="This release is active">
              The new step is given at once to all {release.customers} included customers.
            </Alert>
          ) : null}
          <TemplateForm
            releaseId={release.id}
            siblings={siblings}
            initial={{ name: "", category, type: "bash", content: "", description: "" }}
          />
        </div>
      )}
    </>
  );
}
