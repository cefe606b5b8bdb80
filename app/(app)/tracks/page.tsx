import type { Metadata } from "next";
import { TrackList } from "@/components/tracks/track-list";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { loadTracksPage } from "@/lib/domain/tracks/loaders";

export const metadata: Metadata = { title: "Release tracks" };

export default async function TracksPage() {
  const { isAdmin, tracks, groups, clusters } = await loadTracksPage();
  return (
    <>
      <PageHeader
        title="Release tracks"
        description="The stages a release goes through, who signs each off, and how long a stage soaks before the next opens."
        actions={isAdmin ? <ButtonLink href="/tracks/new">+ Track</ButtonLink> : null}
      />
      {tracks.length ? (
        <TrackList tracks={tracks} groups={groups} clusters={clusters} isAdmin={isAdmin} />
      ) : (
        <EmptyState title="No tracks yet">
          Without a track a release goes to every customer at once. {isAdmin ? "Create one to roll out in stages with sign-offs." : "An admin can create one."}
        </EmptyState>
      )}
    </>
  );
}
