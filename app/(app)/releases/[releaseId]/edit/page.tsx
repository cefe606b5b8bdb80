import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReleaseForm } from "@/components/releases/release-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { loadReleaseForEdit } from "@/lib/domain/releases/loaders";
import { loadTrackOptions } from "@/lib/domain/tracks/loaders";

export const metadata: Metadata = { title: "Edit release" };

export default async function EditReleasePage({ params }: { params: Promise<{ releaseId: string }> }) {
  const [release, tracks] = await Promise.all([loadReleaseForEdit((await params).releaseId), loadTrackOptions()]);
  if (!release) notFound();
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link href="/releases" className="hover:underline">Releases</Link> /{" "}
            <Link href={`/releases/${release.id}`} className="hover:underline">{release.name}</Link>
          </>
        }
        title={`Edit ${release.name}`}
      />
      {release.status === "archived" ? (
        <Alert tone="warning" title="Archived releases are read-only">
          Clone it from the release page to start a new draft.
        </Alert>
      ) : (
        <ReleaseForm
          initial={{
            id: release.id,
            type: release.type,
            name: release.name,
            description: release.description,
            versionNumber: release.versionNumber,
            releaseDate: release.releaseDate,
            metadata: release.metadata,
            updatedAt: release.updatedAt,
            typeLocked: release.status !== "draft",
            trackId: release.track?.id ?? null,
          }}
          tracks={tracks}
        />
      )}
    </>
  );
}
