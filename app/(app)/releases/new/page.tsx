import type { Metadata } from "next";
import Link from "next/link";
import { ReleaseForm } from "@/components/releases/release-form";
import { PageHeader } from "@/components/ui/page-header";
import { loadViewer } from "@/lib/domain/session/loaders";

export const metadata: Metadata = { title: "New release" };

export default async function NewReleasePage() {
  await loadViewer("release_manager");
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/releases" className="hover:underline">Releases</Link>}
        title="New release"
        description="Create it as a draft, add deploy and verify steps, then activate it for your customers."
      />
      <ReleaseForm />
    </>
  );
}
