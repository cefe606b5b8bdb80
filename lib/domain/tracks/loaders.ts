import "server-only";
import { defineLoader, rowIdOf } from "@/lib/domain/define-loader";
import { listClusterOptions } from "@/lib/domain/clusters/queries/clusters";
import { getTrack, listApproverGroups, listTrackOptions, listTracks } from "@/lib/domain/tracks/queries/tracks";

/** The release form's Track select. */
export const loadTrackOptions = defineLoader("release_manager", async () => listTrackOptions());

/** Tracks page: every track with its stages, and the names its selectors refer to. */
export const loadTracksPage = defineLoader("viewer", async (actor) => {
  const [tracks, groups, clusters] = await Promise.all([listTracks(), listApproverGroups(), listClusterOptions()]);
  return { isAdmin: actor.role === "admin", tracks, groups, clusters };
});

/** New or edit track (admins): the track (null for a new one) and what its stages may pick from. */
export const loadTrackEditor = defineLoader("admin", async (_actor, rawId?: string) => {
  const id = rawId === undefined ? null : rowIdOf(rawId);
  if (rawId !== undefined && !id) return null;
  const [track, groups, clusters] = await Promise.all([id ? getTrack(id) : Promise.resolve(null), listApproverGroups(), listClusterOptions()]);
  if (id && !track) return null;
  return { track, groups, clusters };
});
