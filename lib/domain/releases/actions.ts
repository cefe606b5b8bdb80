"use server";

import { defineAction } from "@/lib/domain/define-action";
import { activateRelease, addCustomersToRelease } from "@/lib/domain/releases/mutations/activation";
import { activateInput, addCustomersInput, cloneReleaseInput, createReleaseInput, releaseIdInput, updateReleaseInput } from "./input";
import { archiveRelease, cloneRelease, createRelease, updateRelease } from "@/lib/domain/releases/mutations/releases";

const manager = "release_manager" as const;
const paths = (id: number) => ["/releases", `/releases/${id}`];

export const createReleaseAction = defineAction({
  name: "release.create",
  role: manager,
  verb: "create releases",
  input: createReleaseInput,
  run: (input, actor) => createRelease(input, actor),
  revalidate: () => ["/releases"],
});

export const updateReleaseAction = defineAction({
  name: "release.update",
  role: manager,
  verb: "edit releases",
  input: updateReleaseInput,
  run: (input, actor) => updateRelease(input, actor),
  revalidate: (data) => paths(data.id),
});

export const archiveReleaseAction = defineAction({
  name: "release.archive",
  role: manager,
  verb: "archive releases",
  input: releaseIdInput,
  run: (input, actor) => archiveRelease(input.id, actor),
  revalidate: (data) => [...paths(data.id), "/"],
});

export const cloneReleaseAction = defineAction({
  name: "release.clone",
  role: manager,
  verb: "clone releases",
  input: cloneReleaseInput,
  run: (input, actor) => cloneRelease(input, actor),
  revalidate: () => ["/releases"],
});

export const activateReleaseAction = defineAction({
  name: "release.activate",
  role: manager,
  verb: "activate releases",
  input: activateInput,
  run: (input, actor) => activateRelease(input, actor),
  // Answers with counts only: a revalidation would send the re-rendered release page (MBs for a
  // large release) back with them. The dialog navigates to the release page, which renders fresh.
});

export const addCustomersToReleaseAction = defineAction({
  name: "release.add_customers",
  role: manager,
  verb: "add customers to releases",
  input: addCustomersInput,
  run: (input, actor) => addCustomersToRelease(input, actor),
  // Counts only, as activation; the caller refreshes the page it is on.
});
