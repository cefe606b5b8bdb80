import type { Metadata } from "next";
import Link from "next/link";
import { ImportReleaseForm } from "@/components/releases/release-file";
import { PageHeader } from "@/components/ui/page-header";
import { loadViewer } from "@/lib/domain/session/loaders";

export const metadata: Metadata = { title: "Import a release" };

export default async function ImportReleasePage() {
  await loadViewer("release_manager");
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/releases" className="hover:underline">Releases</Link>}
        title="Import a release"
        description="A release file becomes a new draft: its details, variables, track and template steps. Check the preview, then create it."
      />
      <ImportReleaseForm />
    </>
  );
}
