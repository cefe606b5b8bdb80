"use server";

import { defineAction } from "@/lib/domain/define-action";
import { createTrackInput, groupIdInput, groupInput, trackIdInput, updateTrackInput, userGroupsInput } from "./input";
import { createApproverGroup, createTrack, deleteApproverGroup, deleteTrack, setUserGroups, updateTrack } from "@/lib/domain/tracks/mutations/tracks";

// Tracks and approver groups decide who may ship where: admins only.
export const createTrackAction = defineAction({
  name: "track.create",
  role: "admin",
  verb: "define release tracks",
  input: createTrackInput,
  run: (input, actor) => createTrack(input, actor),
  revalidate: () => ["/tracks"],
});

export const updateTrackAction = defineAction({
  name: "track.update",
  role: "admin",
  verb: "define release tracks",
  input: updateTrackInput,
  run: (input, actor) => updateTrack(input, actor),
  revalidate: (data) => ["/tracks", `/tracks/${data.id}`],
});

export const deleteTrackAction = defineAction({
  name: "track.delete",
  role: "admin",
  verb: "delete release tracks",
  input: trackIdInput,
  run: (input, actor) => deleteTrack(input.id, actor),
  revalidate: () => ["/tracks"],
});

export const createApproverGroupAction = defineAction({
  name: "approver_group.create",
  role: "admin",
  verb: "manage approver groups",
  input: groupInput,
  run: (input, actor) => createApproverGroup(input, actor),
  revalidate: () => ["/users"],
});

export const deleteApproverGroupAction = defineAction({
  name: "approver_group.delete",
  role: "admin",
  verb: "manage approver groups",
  input: groupIdInput,
  run: (input, actor) => deleteApproverGroup(input.id, actor),
  revalidate: () => ["/users"],
});

export const setUserGroupsAction = defineAction({
  name: "user.approver_groups",
  role: "admin",
  verb: "manage approver groups",
  input: userGroupsInput,
  run: (input, actor) => setUserGroups(input, actor),
  revalidate: () => ["/users"],
});
