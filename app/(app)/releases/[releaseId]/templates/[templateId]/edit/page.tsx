import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateForm } from "@/components/templates/template-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { getRelease } from "@/lib/domain/releases/queries";
import { getTemplateStep } from "@/lib/domain/templates/queries";
import { isRowId } from "@/lib/row-id";

export const metadata: Metadata = { title: "Edit template step" };

export default async function EditTemplatePage({ params }: { params: Promise<{ releaseId: string; templateId: string }> }) {
  await requireUser("release_manager");
  const p = await params;
  const releaseId = Number(p.releaseId);
  const templateId = Number(p.templateId);
  if (!(isRowId(releaseId) && isRowId(templateId))) notFound();
  const [release, step] = await Promise.all([getRelease(releaseId), getTemplateStep(releaseId, templateId)]);
  if (!release || !step) notFound();
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
