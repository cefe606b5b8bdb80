import type { Metadata } from "next";
import Link from "next/link";
import { ReleaseForm } from "@/components/releases/release-form";
import { PageHeader } from "@/components/ui/page-header";
import { loadTrackOptions } from "@/lib/domain/tracks/loaders";

export const metadata: Metadata = { title: "New release" };

export default async function NewReleasePage() {
  const tracks = await loadTrackOptions();
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/releases" className="hover:underline">Releases</Link>}
        title="New release"
        description="Create it as a draft, add deploy and verify steps, then activate it for your customers."
      />
      <ReleaseForm tracks={tracks} />
    </>
  );
}
