import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateForm } from "@/components/templates/template-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { getRelease } from "@/lib/domain/releases/queries";
import type { StepCategory } from "@/lib/domain/templates/input";
import { getTemplateSteps } from "@/lib/domain/templates/queries";
import { isRowId } from "@/lib/row-id";

export const metadata: Metadata = { title: "Add template step" };

export default async function NewTemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ releaseId: string }>;
  searchParams: Promise<{ category?: string }>;
}) {
  await requireUser("release_manager");
  const id = Number((await params).releaseId);
  const release = isRowId(id) ? await getRelease(id) : null;
  if (!release) notFound();
  const { category: requested } = await searchParams;
  const category: StepCategory = requested === "verify" ? "verify" : "deploy";
  const steps = await getTemplateSteps(id);
  const siblings = [...steps.deploy, ...steps.verify].map((s) => ({ id: s.id, name: s.name, category: s.category }));
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
