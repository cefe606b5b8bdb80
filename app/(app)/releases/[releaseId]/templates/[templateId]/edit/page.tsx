import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateForm } from "@/components/templates/template-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { loadEditTemplatePage } from "@/lib/domain/releases/loaders";

export const metadata: Metadata = { title: "Edit template step" };

export default async function EditTemplatePage({ params }: { params: Promise<{ releaseId: string; templateId: string }> }) {
  const p = await params;
  const page = await loadEditTemplatePage(p.releaseId, p.templateId);
  if (!page) notFound();
  const { release, step } = page;
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link href="/releases" className="hover:underline">Releases</Link> /{" "}
            <Link href={`/releases/${release.id}`} className="hover:underline">{release.name}</Link>
          </>
        }
        title={`Edit “${step.name}”`}
      />
      {release.status === "archived" ? (
        <Alert tone="warning" title="Archived releases are read-only" />
      ) : (
        <TemplateForm
          releaseId={release.id}
          initial={step}
          impact={release.status === "active" ? { untouched: step.untouchedCopies, kept: step.keptCopies } : null}
        />
      )}
    </>
  );
}
