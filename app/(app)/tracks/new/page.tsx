import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TrackEditor } from "@/components/tracks/track-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadTrackEditor } from "@/lib/domain/tracks/loaders";

export const metadata: Metadata = { title: "New track" };

export default async function NewTrackPage() {
  const editor = await loadTrackEditor();
  if (!editor) notFound();
  return (
    <>
      <PageHeader eyebrow={<Link href="/tracks" className="hover:underline">Release tracks</Link>} title="New track" />
      <TrackEditor track={null} groups={editor.groups} clusters={editor.clusters} />
    </>
  );
}
