import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TrackEditor } from "@/components/tracks/track-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadTrackEditor } from "@/lib/domain/tracks/loaders";

export const metadata: Metadata = { title: "Edit track" };

export default async function EditTrackPage({ params }: { params: Promise<{ trackId: string }> }) {
  const editor = await loadTrackEditor((await params).trackId);
  if (!editor?.track) notFound();
  return (
    <>
      <PageHeader eyebrow={<Link href="/tracks" className="hover:underline">Release tracks</Link>} title={`Edit ${editor.track.name}`} description="Releases already active keep the stages they were activated with." />
      <TrackEditor track={editor.track} groups={editor.groups} clusters={editor.clusters} />
    </>
  );
}
